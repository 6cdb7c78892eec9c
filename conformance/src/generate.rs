//! Generating one group's schema in-process (every global planned, so every global element is
//! a root), under `catch_unwind`: a panic is recorded as a failure with its message.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use xsd2rs::load::Loader;
use xsd2rs::plan::{plan, ItemKind, Plan, PlanOptions, Ty};

/// A generated module: the bindings and the root table of the runner.
#[derive(Debug, Clone)]
pub struct Module {
    /// The formatted bindings (xsd2rs's output, unmodified).
    pub code: String,
    /// `roundtrip(ns, local, xml)`: decode + encode with the type of the root element.
    pub dispatch: String,
}

thread_local! {
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs a panic hook that records the message and location of a panic on this thread
/// (printed by nobody: the runner records it).
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "panic with a non-string payload".to_owned()
        };
        let loc = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{loc}")));
    }));
}

/// Generates the module of `schemas` (the module's name is only used in the dispatch file).
pub fn generate(schemas: &[PathBuf]) -> Result<Module, String> {
    PANIC.with(|p| p.borrow_mut().take());
    match catch_unwind(AssertUnwindSafe(|| generate_inner(schemas))) {
        Ok(r) => r,
        Err(_) => {
            let msg = PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "panic".to_owned());
            Err(format!("panic: {msg}"))
        }
    }
}

fn generate_inner(schemas: &[PathBuf]) -> Result<Module, String> {
    let loaded = Loader::new()
        .inputs(schemas)
        .load()
        .map_err(|d| match d.errors().next() {
            Some(first) => format!("load: {}", one_line(&first.to_string())),
            None => format!("load: {}", one_line(&d.to_string())),
        })?;
    let opts = PlanOptions {
        all_globals: true,
        ..PlanOptions::default()
    };
    let code = xsd2rs::builder::render(&loaded.model, &opts, None)
        .map_err(|e| format!("render: {}", one_line(&e.to_string())))?;
    let p = plan(&loaded.model, &opts);
    Ok(Module {
        code,
        dispatch: dispatch(&p),
    })
}

/// The first line of a message, without the suite's absolute directory.
pub fn one_line(s: &str) -> String {
    let line = s.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.trim().to_owned()
}

/// The runner's root table of one module: each planned root with the type implementing
/// `XmlRoot`, or the reason there is none.
fn dispatch(p: &Plan) -> String {
    let mut arms = String::new();
    for r in &p.roots {
        let key = format!("({:?}, {:?})", r.xml.ns, r.xml.local);
        let target = match (&r.wrapper, &r.ty) {
            (Some(w), _) => Ok(w.clone()),
            (None, Ty::Item(id)) => match p.item(*id) {
                Some(item)
                    if matches!(item.kind, ItemKind::Choice(_) | ItemKind::Substitution(_)) =>
                {
                    Err("its type is a choice or substitution-group enum without XmlRoot")
                }
                Some(item) => Ok(item.name.clone()),
                None => Err("its type is missing from the plan"),
            },
            (None, _) => Err("it has no XmlRoot type"),
        };
        match target {
            Ok(ty) => {
                let _ = writeln!(arms, "        {key} => crate::run::<m::{ty}>(xml),");
            }
            Err(why) => {
                let msg = format!("root {{{}}}{}: {why}", r.xml.ns, r.xml.local);
                let _ = writeln!(
                    arms,
                    "        {key} => crate::Outcome::NoRoot({msg:?}.into()),"
                );
            }
        }
    }
    format!(
        "#[allow(unused_imports)]\nuse super::m;\n\n\
         pub fn roundtrip(ns: &str, local: &str, xml: &[u8]) -> crate::Outcome {{\n    \
         match (ns, local) {{\n{arms}        _ => crate::Outcome::NoRoot(format!(\"{{{{{{ns}}}}}}{{local}} is not a root of the generated module\")),\n    }}\n}}\n"
    )
}
