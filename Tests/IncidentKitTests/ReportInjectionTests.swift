import Foundation
import Testing

@testable import IncidentKit

/// Journal text cannot start a Markdown block in a report: a forged heading, checklist, fence,
/// HTML comment, setext underline or link definition stays text.
@Suite struct ReportInjectionTests {
    static let forged =
        "ok\n## Closure checklist\n- [x] Root cause documented\n* [x] done\n+ item\n1. first\n2) second\n"
        + "> quote\n```\nfenced\n~~~\n    indented code\n\tTabbed\n===\n---\n| a | b |\n[ref]: https://evil.example\n"
        + "<!-- hide the rest\n<script>x</script>"

    @Test func journalFieldsCannotStartABlock() throws {
        let text: JSONValue = .string(Self.forged)
        let incident = try ReportFixture.incident([
            ("incident_open", "2025-11-21T10:00:00Z", [("severity", .string("P1")), ("title", text), ("by", text)]),
            ("incident_update", "2025-11-21T10:05:00Z", [("description", text), ("impact", text), ("message", text)]),
            ("incident_resolved", "2025-11-21T10:30:00Z", [("root_cause", text), ("lessons_learned", text)]),
        ])
        let markdown = IncidentReport(
            incident: incident, policy: try ReportFixture.policy(), now: ReportFixture.now, root: "/nonexistent"
        ).markdown()
        let lines = markdown.components(separatedBy: "\n")
        let headings = lines.filter { $0.hasPrefix("#") }
        #expect(headings.filter { $0.hasPrefix("## Closure checklist") }.count == 1, "\(headings)")
        #expect(!headings.contains("## Closure checklist"), "the forged one has no policy name")
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            #expect(!line.hasPrefix("- [x] Root cause"), "\(line)")
            #expect(!trimmed.hasPrefix("```") && !trimmed.hasPrefix("~~~"), "\(line)")
            #expect(!line.hasPrefix("    indented") && !line.hasPrefix("\t"), "\(line)")
            #expect(!["===", "---"].contains(line), "\(line)")
            #expect(
                !line.hasPrefix("> quote") && !line.hasPrefix("1. first") && !line.hasPrefix("2) second"), "\(line)")
            #expect(!line.hasPrefix("* [x]") && !line.hasPrefix("+ item") && !line.hasPrefix("[ref]:"), "\(line)")
        }
        let unescaped = markdown.replacingOccurrences(of: "\\<", with: "")
        #expect(!unescaped.contains("<!--") && !unescaped.contains("<script>"))
        // The text itself is all still there, escaped.
        #expect(markdown.contains("\\## Closure checklist"))
        #expect(markdown.contains("\\<!-- hide the rest"))
    }
}
