import IncidentKit

extension FuzzTarget {
    /// Every newline-separated piece of the input goes through the journal's JSON parser; what
    /// parses must write back to text that parses to the same text again.
    public static let jsonLine = FuzzTarget(
        name: "json-line", summary: "JSONL lines through JSONParser and JSONWriter"
    ) { bytes throws(FuzzViolation) in
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            guard let value = try? JSONParser.parse(Array(line)) else { continue }
            let written = JSONWriter.string(value)
            guard let again = try? JSONParser.parse(written) else {
                throw FuzzViolation("written JSON does not parse again: \(written)")
            }
            guard JSONWriter.string(again) == written else {
                throw FuzzViolation("JSON changes on a second round trip: \(written)")
            }
        }
    }
}

extension FuzzTarget {
    /// A differential target for another JSONL line parser (a faster scanner, say): on every
    /// newline-separated piece it must accept exactly what `JSONParser` accepts, with the same
    /// value. Adding one is a single line in `FuzzTargets.all`:
    ///
    ///     .agreesWithJSONParser(name: "byte-scanner") { try? ByteScanner.parse($0) },
    public static func agreesWithJSONParser(
        name: String, parse: @escaping @Sendable ([UInt8]) -> JSONValue?
    ) -> FuzzTarget {
        FuzzTarget(name: name, summary: "\(name) against JSONParser, line by line") { bytes throws(FuzzViolation) in
            for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
                let expected = try? JSONParser.parse(Array(line))
                let actual = parse(Array(line))
                guard actual == expected else {
                    let text = String(decoding: line.prefix(200), as: UTF8.self)
                    throw FuzzViolation("\(name) and JSONParser disagree on \(text.debugDescription)")
                }
            }
        }
    }
}
