//! The first baseline: a bare namespace-aware quick-xml scan, measured the way quick-xml's own
//! benchmarks measure a reader: every event read with its namespace resolved, start and empty
//! elements counted, nothing else kept and nothing hidden from the optimizer per event (only the
//! final count leaves the loop). The reader keeps its default configuration (end names checked),
//! because a decoder that accepts mismatched end tags would not be comparable. No decoder built on
//! quick-xml can be faster.

use quick_xml::events::Event;
use quick_xml::NsReader;

/// Reads every event of `xml` with `read_resolved_event`; returns the number of elements.
pub fn scan(xml: &[u8]) -> Result<usize, quick_xml::Error> {
    let mut reader = NsReader::from_reader(xml);
    let mut elements = 0usize;
    loop {
        match reader.read_resolved_event()? {
            (_, Event::Start(_)) | (_, Event::Empty(_)) => elements += 1,
            (_, Event::Eof) => return Ok(elements),
            _ => {}
        }
    }
}
