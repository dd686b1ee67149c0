import Foundation
import Testing

@testable import IncidentKit

private func fromFoundation(_ any: Any) -> JSONValue? { ScannerTestSupport.convert(any) }

private func normalized(_ value: JSONValue) -> JSONValue { ScannerTestSupport.normalized(value) }

private let validCorpus: [String] = [
    "{}", "[]", "0", "-0", "1", "-1", "123456789", "1.5", "-0.25", "1e3", "1E3", "1e+3", "1e-3", "2.5E-7", "-1.0e+10",
    "6.02214076e23", "9007199254740993", "0.1", "true", "false", "null", "\"\"", "\"plain\"",
    "\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t\"", "\"\\u0041\\u00e9\\u4e2d\"", "\"\\u00E9\"", "\"\\ud83d\\ude00\"",
    "\"\\uD834\\uDD1E clef\"", "\"é 中文 😀 raw utf8\"", "\"del \u{7F} is allowed\"", " \t\r\n{ \"a\" : [ 1 , 2 ] } \n",
    "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1},\"a\":{\"c\":2}}", "{\"k\":null,\"z\":[true,false,null]}",
    "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":{\"d\":[{\"e\":\"f\"}]}}}}",
    "{\"event_type\":\"incident_open\",\"incident_id\":\"INC-20251121-0042\",\"severity\":\"SEV1\",\"ts\":\"2025-11-21T10:00:00Z\",\"n\":-12.5e-1}",
    "[\"\\u0000\", \"\\u001f\"]", "{\"\":\"empty key\"}", "[1,\"two\",{\"three\":3},[4]]",
]

private let invalidCorpus: [String] = [
    "", " ", "{", "}", "[", "]", "{,}", "[,1]", "{a:1}", "{'a':1}", "['a']", "{\"a\" 1}",
    "{\"a\":}", "{1:2}", "tru", "nul", "fals", "truex", "True", "NULL", "NaN", "Infinity", "-Infinity", "01", "-01",
    "00",
    "001.5", "1.", ".5", "+1", "-", "1e", "1e+", "1E-", "0x10", "1.2.3", "--1", "1 2", "{} x", "[1]]", "{\"a\":1}}",
    "\"a\"\"b\"", "{} {}", "[] // comment", "/* c */ []", "\"unterminated", "\"a\tb\"", "\"a\nb\"", "\"nul \u{0}\"",
    "\"\u{1B}[31m\"", "\"\\x41\"", "\"\\U0041\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"\\u00G0\"", "\"\\a\"", "\"\\\"",
    "[1,,2]", "{\"a\":1 \"b\":2}", "\u{0C}1", "[\u{0B}]",
]

/// Where Foundation on Linux is laxer than RFC 8259 (and Python's `json`): trailing commas and
/// a NUL taken as the end of the input. The parser stays strict.
private let foundationAcceptsButRFCRejects: [String] = [
    "[1,]", "{\"a\":1,}", "[{\"a\":[1,],}]", "1\u{0}", "{}\u{0}garbage",
]

@Suite struct JSONParserTests {
    @Test(arguments: validCorpus)
    func agreesWithFoundationOnValidInput(_ text: String) throws {
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        let ours = try JSONParser.parse(text)
        let expected = try #require(fromFoundation(theirs))
        #expect(normalized(ours) == expected)
    }

    @Test(arguments: invalidCorpus)
    func agreesWithFoundationOnInvalidInput(_ text: String) {
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) == nil)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test(arguments: foundationAcceptsButRFCRejects)
    func staysStricterThanFoundationOnLinux(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func duplicateKeysLastWinsButEveryEntryIsKept() throws {
        let object = try #require(try JSONParser.parse("{\"a\":1,\"b\":2,\"a\":3}").objectValue)
        #expect(object["a"] == .number(3))
        #expect(object.keys == ["a", "b", "a"])
    }

    @Test func keyOrderIsKept() throws {
        let object = try #require(try JSONParser.parse("{\"z\":1,\"a\":2,\"m\":3}").objectValue)
        #expect(object.keys == ["z", "a", "m"])
    }

    @Test func surrogatePairsDecodeToOneScalar() throws {
        #expect(try JSONParser.parse("\"\\ud83d\\ude00\"") == .string("😀"))
        #expect(try JSONParser.parse("\"\\uD834\\uDD1E\"") == .string("\u{1D11E}"))
    }

    @Test func loneSurrogatesBecomeReplacementCharactersLikePython() throws {
        // Foundation rejects these; Python's json decodes them. A journal line with one is kept.
        #expect(try JSONParser.parse("\"a\\ud800b\"") == .string("a\u{FFFD}b"))
        #expect(try JSONParser.parse("\"\\udc00\"") == .string("\u{FFFD}"))
        #expect(try JSONParser.parse("\"\\ud800\\u0041\"") == .string("\u{FFFD}A"))
    }

    @Test func numbersKeepTheirValue() throws {
        #expect(try JSONParser.parse("1e3") == .number(1000))
        #expect(try JSONParser.parse("-2.5E-2") == .number(-0.025))
        #expect(try JSONParser.parse("12345678901234") == .number(12_345_678_901_234))
        #expect(try JSONParser.parse("0.1") == .number(0.1))
    }

    @Test func failureSaysWhere() {
        let error = #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("{\"a\":1} x") }
        #expect(error?.offset == 8)
        #expect(error?.reason.contains("after the value") == true)
    }

    @Test func nestingIsBounded() throws {
        let deep =
            String(repeating: "[", count: JSONParser.maxDepth + 1)
            + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func invalidUTF8InsideAStringDoesNotCrash() throws {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0xC3, 0x22]
        let value = try JSONParser.parse(bytes)
        #expect(value.stringValue?.hasPrefix("a") == true)
    }
}

private let roundTripValues: [JSONValue] = [
    .null, .bool(true), .bool(false), .number(0), .number(-0.0), .number(42), .number(-7), .number(0.1),
    .number(-2.5e-7),
    .number(1.5e300), .number(123_456_789_012_345), .number(1e15), .number(1e21), .number(Double.leastNonzeroMagnitude),
    .string(""), .string("plain"), .string("quote \" backslash \\ slash /"),
    .string("controls \u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1B}\u{1F}\u{7F}"), .string("separators \u{2028}\u{2029}"),
    .string("é 中文 😀 \u{202E}"), .array([]), .array([.number(1), .string("two"), .null, .array([.bool(true)])]),
    .object(JSONObject()),
    .object(
        JSONObject([
            (key: "z", value: .number(1)),
            (key: "a", value: .object(JSONObject([(key: "k\"ey", value: .string("v\n"))]))),
            (key: "dup", value: .number(1)), (key: "dup", value: .number(2)),
        ])),
]

@Suite struct JSONWriterTests {
    @Test(arguments: roundTripValues)
    func roundTripsThroughTheParser(_ value: JSONValue) throws {
        let compact = JSONWriter.string(value)
        #expect(!compact.contains("\n"))
        #expect(try JSONParser.parse(compact) == value)
        #expect(try JSONParser.parse(JSONWriter.string(value, pretty: true)) == value)
    }

    @Test(arguments: roundTripValues)
    func foundationReadsWhatItWrites(_ value: JSONValue) throws {
        let text = JSONWriter.string(value)
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect(fromFoundation(theirs) == normalized(value))
    }

    @Test func compactOutputIsExact() {
        let value = JSONValue.object(
            JSONObject([
                (key: "event_type", value: .string("incident_ack")), (key: "level", value: .number(2)),
                (key: "ratio", value: .number(0.5)), (key: "ok", value: .bool(true)), (key: "none", value: .null),
                (key: "list", value: .array([.number(1), .string("a\tb")])),
            ]))
        #expect(
            JSONWriter.string(value)
                == "{\"event_type\":\"incident_ack\",\"level\":2,\"ratio\":0.5,\"ok\":true,\"none\":null,\"list\":[1,\"a\\tb\"]}"
        )
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() throws {
        let text = JSONWriter.string(.array([.number(.infinity), .number(-.infinity), .number(.nan)]))
        #expect(text == "[null,null,null]")
    }

    @Test func controlCharactersAreEscapedSoTheLineStaysOneLine() {
        let text = JSONWriter.string(.string("a\nb\rc\u{1B}d\u{2028}"))
        #expect(text == "\"a\\nb\\rc\\u001bd\\u2028\"")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 })
    }
}
