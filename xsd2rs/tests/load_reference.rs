//! The published EWS schemas (../shared/reference, read-only, not part of the project)
//! load with zero errors. Skips with a notice when the reference folder is absent.

use std::path::PathBuf;

use xsd2rs::dump::Counts;
use xsd2rs::load::Loader;

fn reference() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference/ews");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} is absent; skipping the reference-schema test",
            dir.display()
        );
        None
    }
}

#[test]
fn shipped_services_wsdl_loads_with_zero_errors() {
    let Some(dir) = reference() else { return };
    let loaded = match Loader::new()
        .input(dir.join("php-ews-o365-2016/services.wsdl"))
        .load()
    {
        Ok(l) => l,
        Err(d) => panic!("{d}"),
    };
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = Counts::of(&loaded.model);
    eprintln!("services.wsdl: {c:?}");
    assert_eq!(c.operations, 122);
    assert_eq!(c.binding_operations, 122);
    assert_eq!(c.messages, 252);
    assert_eq!(loaded.model.files.len(), 3);
    assert_eq!(
        (c.named_types, c.anonymous_types, c.elements),
        (1134, 39, 313)
    );
    // Substitution groups, attribute groups, simpleContent, lists and unions are all there.
    let t = "http://schemas.microsoft.com/exchange/services/2006/types";
    let path = xsd2rs::model::QName::new(t, "Path");
    assert!(loaded.model.substitution_groups[&path].len() >= 3);
}

#[test]
fn interop_set_loads_52_files_with_zero_errors() {
    let Some(dir) = reference() else { return };
    let entry = dir.join("interop-testsuites-ms-oxws/MS-OXWSCDATA-messages.xsd");
    let loaded = match Loader::new().input(entry).load() {
        Ok(l) => l,
        Err(d) => panic!("{d}"),
    };
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let c = Counts::of(&loaded.model);
    eprintln!("interop set: {c:?}");
    assert_eq!(loaded.model.files.len(), 52);
    assert_eq!(
        (c.named_types, c.anonymous_types, c.elements),
        (698, 13, 167)
    );
}
