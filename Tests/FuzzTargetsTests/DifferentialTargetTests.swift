import FuzzTargets
import IncidentKit
import Testing

/// `agreesWithJSONParser` is how a second line parser joins the fuzzing; it must catch a parser
/// that disagrees and pass one that agrees.
@Suite struct DifferentialTargetTests {
    let lines = Array("{\"a\":[1,2,{\"b\":null}]}\nnot json\n{\"t\":\"\\u00e9\"}\n".utf8)

    @Test func aParserThatAgreesPasses() {
        let target = FuzzTarget.agreesWithJSONParser(name: "same") { try? JSONParser.parse($0) }
        #expect(throws: Never.self) { try target.run(lines) }
    }

    @Test func aParserThatRejectsValidJSONIsCaught() {
        let target = FuzzTarget.agreesWithJSONParser(name: "strict") { _ in nil }
        #expect(throws: FuzzViolation.self) { try target.run(lines) }
    }

    @Test func aParserThatAcceptsGarbageIsCaught() {
        let target = FuzzTarget.agreesWithJSONParser(name: "lax") { (try? JSONParser.parse($0)) ?? .null }
        #expect(throws: FuzzViolation.self) { try target.run(lines) }
    }
}
