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
