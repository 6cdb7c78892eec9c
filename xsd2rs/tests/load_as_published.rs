//! The spec's schemas as published (tests/fixtures/as-published/, uncorrected) give
//! exactly the unresolved-reference errors of their two known mistakes, with
//! file:line:column and a did-you-mean suggestion.

use xsd2rs::load::Loader;

fn errors(entry: &str) -> Vec<String> {
    let path = format!("tests/fixtures/as-published/{entry}");
    match Loader::new().input(&path).load() {
        Ok(_) => panic!("{entry} as published must not load cleanly"),
        Err(d) => d.errors().map(|e| e.to_string()).collect(),
    }
}

/// The 1-based line and column of the `n`th occurrence of `needle` in a fixture.
fn position(entry: &str, needle: &str, n: usize) -> (usize, usize) {
    let text = std::fs::read_to_string(format!("tests/fixtures/as-published/{entry}")).unwrap();
    let (offset, _) = text.match_indices(needle).nth(n).expect("needle present");
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

#[test]
fn oof_references_oofstate_but_defines_outofstate() {
    let (line, col) = position("MS-OXWOOF.wsdl", "type=\"t:OofState\"", 0);
    assert_eq!(
        errors("MS-OXWOOF.wsdl"),
        vec![format!(
            "tests/fixtures/as-published/MS-OXWOOF.wsdl:{line}:{col}: error: unresolved type reference `t:OofState` ({{http://schemas.microsoft.com/exchange/services/2006/types}}OofState) (did you mean `t:OutOfState`?)"
        )]
    );
}

#[test]
fn mtrk_references_arrayofarray_but_defines_arrayofarrays() {
    let file = "MS-OXWSMTRK-messages.xsd";
    let needle = "type=\"t:ArrayOfArrayOfTrackingPropertiesType\"";
    let expected: Vec<String> = (0..2)
        .map(|n| {
            let (line, col) = position(file, needle, n);
            format!(
                "tests/fixtures/as-published/{file}:{line}:{col}: error: unresolved type reference `t:ArrayOfArrayOfTrackingPropertiesType` ({{http://schemas.microsoft.com/exchange/services/2006/types}}ArrayOfArrayOfTrackingPropertiesType) (did you mean `t:ArrayOfArraysOfTrackingPropertiesType`?)"
            )
        })
        .collect();
    assert_eq!(errors("MS-OXWSMTRK.wsdl"), expected);
}
