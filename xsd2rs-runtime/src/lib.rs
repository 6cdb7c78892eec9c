//! Runtime shared by code generated with xsd2rs.
//!
//! Generated code reaches everything here through absolute paths (`::xsd2rs_runtime::...`).
