//! The fixed set of tracked messages the example server answers about: organization
//! `example.com`, one transport server, five messages with per-recipient event histories
//! (delivered, read, transferred out, pending in a queue or in moderation, failed).

/// One event in a recipient's history (MS-OXWSMTRK §3.1.4.2.3.5).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// When it happened (`xs:dateTime`, UTC).
    pub date: &'static str,
    /// `DeliveryStatus` after the event (§3.1.4.2.4.2 values).
    pub status: &'static str,
    /// `EventDescription` (§3.1.4.2.4.3 values).
    pub description: &'static str,
    /// `EventData` strings (e.g. the next retry time of a `QueueRetry`).
    pub data: &'static [&'static str],
    /// The server where it happened.
    pub server: &'static str,
}

/// A recipient of a tracked message and its event history, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipientTrack {
    /// SMTP address.
    pub address: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Addressed as Bcc.
    pub bcc: bool,
    /// The history.
    pub events: &'static [Event],
}

/// A tracked message.
#[derive(Debug, Clone, PartialEq)]
pub struct TrackedMessage {
    /// Internet message id, with angle brackets.
    pub message_id: &'static str,
    /// Internal id, unique on the server.
    pub internal_id: u32,
    /// Subject.
    pub subject: &'static str,
    /// Sender SMTP address.
    pub sender: &'static str,
    /// Sender display name.
    pub sender_name: &'static str,
    /// Submission time (`xs:dateTime`, UTC).
    pub submitted: &'static str,
    /// The server that accepted the message.
    pub server: &'static str,
    /// The recipients as addressed.
    pub recipients: &'static [RecipientTrack],
}

/// The organization's (only) accepted domain.
pub const DOMAIN: &str = "example.com";
/// The transport server.
pub const SERVER: &str = "EXCH01.example.com";

const fn ev(
    date: &'static str,
    status: &'static str,
    description: &'static str,
    data: &'static [&'static str],
) -> Event {
    Event {
        date,
        status,
        description,
        data,
        server: SERVER,
    }
}

/// The tracked messages.
pub static MESSAGES: &[TrackedMessage] = &[
    TrackedMessage {
        message_id: "<q1-report@example.com>",
        internal_id: 1001,
        subject: "Quarterly report",
        sender: "alice@example.com",
        sender_name: "Alice Archer",
        submitted: "2024-03-01T09:00:00Z",
        server: SERVER,
        recipients: &[
            RecipientTrack {
                address: "bob@example.com",
                name: "Bob Baker",
                bcc: false,
                events: &[
                    ev("2024-03-01T09:00:00Z", "Pending", "Submitted", &[]),
                    ev("2024-03-01T09:00:01Z", "Pending", "Resolved", &[]),
                    ev("2024-03-01T09:00:02Z", "Delivered", "Delivered", &[]),
                ],
            },
            RecipientTrack {
                address: "carol@example.com",
                name: "Carol Cooper",
                bcc: false,
                events: &[
                    ev("2024-03-01T09:00:00Z", "Pending", "Submitted", &[]),
                    ev("2024-03-01T09:00:02Z", "Delivered", "Delivered", &[]),
                    ev("2024-03-01T10:15:00Z", "Read", "Read", &[]),
                ],
            },
        ],
    },
    TrackedMessage {
        message_id: "<lunch-42@example.com>",
        internal_id: 1002,
        subject: "Lunch on Friday?",
        sender: "alice@example.com",
        sender_name: "Alice Archer",
        submitted: "2024-03-02T12:00:00Z",
        server: SERVER,
        recipients: &[RecipientTrack {
            address: "dave@partner.example.org",
            name: "Dave Dunn",
            bcc: false,
            events: &[
                ev("2024-03-02T12:00:00Z", "Pending", "Submitted", &[]),
                ev(
                    "2024-03-02T12:00:03Z",
                    "Transferred",
                    "SmtpSend",
                    &["mx.partner.example.org"],
                ),
            ],
        }],
    },
    TrackedMessage {
        message_id: "<budget-draft-7@example.com>",
        internal_id: 1003,
        subject: "Budget draft v2",
        sender: "bob@example.com",
        sender_name: "Bob Baker",
        submitted: "2024-03-03T15:30:00Z",
        server: SERVER,
        recipients: &[
            RecipientTrack {
                address: "alice@example.com",
                name: "Alice Archer",
                bcc: false,
                events: &[
                    ev("2024-03-03T15:30:00Z", "Pending", "Submitted", &[]),
                    ev("2024-03-03T15:30:02Z", "Delivered", "Delivered", &[]),
                ],
            },
            RecipientTrack {
                address: "erin@example.com",
                name: "Erin Evans",
                bcc: true,
                events: &[
                    ev("2024-03-03T15:30:00Z", "Pending", "Submitted", &[]),
                    ev(
                        "2024-03-03T15:31:00Z",
                        "Pending",
                        "QueueRetry",
                        &["2024-03-03T15:41:00Z"],
                    ),
                    ev("2024-03-03T15:41:00Z", "Pending", "Pending", &[]),
                ],
            },
        ],
    },
    TrackedMessage {
        message_id: "<kickoff-1@example.com>",
        internal_id: 1004,
        subject: "Project kickoff",
        sender: "carol@example.com",
        sender_name: "Carol Cooper",
        submitted: "2024-03-04T08:15:00Z",
        server: SERVER,
        recipients: &[RecipientTrack {
            address: "frank@example.com",
            name: "Frank Fisher",
            bcc: false,
            events: &[
                ev("2024-03-04T08:15:00Z", "Pending", "Submitted", &[]),
                ev(
                    "2024-03-04T08:15:05Z",
                    "Unsuccessful",
                    "FailedGeneral",
                    &["550 5.1.1 mailbox unavailable"],
                ),
            ],
        }],
    },
    TrackedMessage {
        message_id: "<offsite-2024@example.com>",
        internal_id: 1005,
        subject: "Team offsite announcement",
        sender: "erin@example.com",
        sender_name: "Erin Evans",
        submitted: "2024-03-05T11:00:00Z",
        server: SERVER,
        recipients: &[RecipientTrack {
            address: "all-staff@example.com",
            name: "All Staff",
            bcc: false,
            events: &[
                ev("2024-03-05T11:00:00Z", "Pending", "Submitted", &[]),
                ev(
                    "2024-03-05T11:00:01Z",
                    "Pending",
                    "PendingModeration",
                    &["moderator@example.com"],
                ),
            ],
        }],
    },
];
