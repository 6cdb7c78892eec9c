//! Generated code of every construct fixture (`xsd2rs/tests/fixtures/constructs/`), compiled here.
//! Kept equal to the generator's output by `xsd2rs/tests/codegen_snapshots.rs`.

#[rustfmt::skip]
pub mod all;
#[rustfmt::skip]
pub mod all_order;
#[rustfmt::skip]
pub mod anonymous_types;
#[rustfmt::skip]
pub mod any;
#[rustfmt::skip]
pub mod any_attribute;
#[rustfmt::skip]
pub mod any_type_extension;
#[rustfmt::skip]
pub mod attribute_group;
#[rustfmt::skip]
pub mod attributes;
#[rustfmt::skip]
pub mod chameleon_include;
#[rustfmt::skip]
pub mod choice;
#[rustfmt::skip]
pub mod collision_case;
#[rustfmt::skip]
pub mod collision_element_type;
#[rustfmt::skip]
pub mod collision_namespaces;
#[rustfmt::skip]
pub mod complex_extension;
#[rustfmt::skip]
pub mod complex_restriction;
#[rustfmt::skip]
pub mod element_default;
#[rustfmt::skip]
pub mod empty_choice;
#[rustfmt::skip]
pub mod enum_restriction;
#[rustfmt::skip]
pub mod enumeration;
#[rustfmt::skip]
pub mod facets;
#[rustfmt::skip]
pub mod group_ref;
#[rustfmt::skip]
pub mod lexical_pattern;
#[rustfmt::skip]
pub mod list;
#[rustfmt::skip]
pub mod mixed;
#[rustfmt::skip]
pub mod nested_groups;
#[rustfmt::skip]
pub mod nillable;
#[rustfmt::skip]
pub mod qname_values;
#[rustfmt::skip]
pub mod recursion;
#[rustfmt::skip]
pub mod recursive_group;
#[rustfmt::skip]
pub mod redefine;
#[rustfmt::skip]
pub mod redefine_chain;
#[rustfmt::skip]
pub mod repeated_choice;
#[rustfmt::skip]
pub mod sequence;
#[rustfmt::skip]
pub mod simple_content_extension;
#[rustfmt::skip]
pub mod simple_content_restriction;
#[rustfmt::skip]
pub mod substitution_group;
#[rustfmt::skip]
pub mod union;
#[rustfmt::skip]
pub mod wildcards;
#[rustfmt::skip]
pub mod xsi_attributes;
#[rustfmt::skip]
pub mod xsi_type;
