//! The first baseline: a bare namespace-aware quick-xml scan, every event read with its
//! namespace resolved and nothing kept. No decoder built on quick-xml can be faster.

use quick_xml::events::Event;
use quick_xml::NsReader;

/// Reads every event of `xml` with `read_resolved_event`; returns the number of events.
pub fn scan(xml: &[u8]) -> Result<usize, quick_xml::Error> {
    let mut reader = NsReader::from_reader(xml);
    let mut events = 0usize;
    loop {
        let (ns, event) = reader.read_resolved_event()?;
        std::hint::black_box(&ns);
        if matches!(event, Event::Eof) {
            return Ok(events);
        }
        std::hint::black_box(&event);
        events += 1;
    }
}
