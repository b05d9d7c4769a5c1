import BotpoolController
import Foundation

/// The building blocks of `describe` output: `Label:   value` lines and indented tables.
struct DescribeSections {
    private(set) var text = ""
    static let labelWidth = 16

    mutating func field(_ label: String, _ value: String?) {
        let padded = (label + ":").padding(toLength: Self.labelWidth, withPad: " ", startingAt: 0)
        text += padded + (value ?? "<none>") + "\n"
    }

    /// A section title; a note in place of the section body lines up with field values.
    mutating func heading(_ label: String, _ note: String? = nil) {
        guard let note else {
            text += label + ":\n"
            return
        }
        field(label, note)
    }

    /// Indented two spaces under its heading.
    mutating func block(_ body: String) {
        for line in body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(body.hasSuffix("\n") ? 1 : 0) {
            text += line.isEmpty ? "\n" : "  " + line + "\n"
        }
    }

    mutating func events(_ events: [StatusEvent]?, now: Date) {
        guard let events else {
            heading("Events", "<only known to a running controller; use --server>")
            return
        }
        guard !events.isEmpty else {
            heading("Events", "<none>")
            return
        }
        heading("Events")
        block(Table(
            headers: ["AGE", "KIND", "MESSAGE"],
            rows: events.map { [Durations.short(now.timeIntervalSince($0.time)), $0.kind, $0.message] }
        ).render())
    }
}
