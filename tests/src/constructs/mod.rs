//! Generated code of every construct fixture (`xsd2rs/tests/fixtures/constructs/`), compiled here.
//! Kept equal to the generator's output by `xsd2rs/tests/codegen_snapshots.rs`.

pub mod all;
pub mod anonymous_types;
pub mod any;
pub mod any_attribute;
pub mod attribute_group;
pub mod attributes;
pub mod chameleon_include;
pub mod choice;
pub mod collision_case;
pub mod collision_element_type;
pub mod collision_namespaces;
pub mod complex_extension;
pub mod complex_restriction;
pub mod enumeration;
pub mod facets;
pub mod group_ref;
pub mod list;
pub mod mixed;
pub mod nested_groups;
pub mod nillable;
pub mod recursion;
pub mod redefine;
pub mod repeated_choice;
pub mod sequence;
pub mod simple_content_extension;
pub mod simple_content_restriction;
pub mod substitution_group;
pub mod union;
