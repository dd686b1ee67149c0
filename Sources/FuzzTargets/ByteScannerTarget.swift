import IncidentKit

extension FuzzTarget {
    /// The console's byte-level JSONL scanner against the strict parser, line by line: both accept
    /// and reject the same lines, and an object comes out with the same fields and values.
    public static let byteScanner = FuzzTarget(name: "byte-scanner", summary: "JSONLineScanner against JSONParser") {
        bytes throws(FuzzViolation) in
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let expected = try? JSONParser.parse(Array(line))
            let scanned = Result { () throws(JSONParser.Failure) -> JSONObject? in
                try JSONLineScanner.scan(Array(line), keeping: nil)
            }
            let agree: Bool
            switch (expected, scanned) {
            case (nil, .failure): agree = true
            case (.object(let parsed)?, .success(let object?)): agree = parsed == object
            case (let value?, .success(nil)): agree = value.objectValue == nil
            default: agree = false
            }
            guard agree else {
                let text = String(decoding: line.prefix(200), as: UTF8.self)
                throw FuzzViolation("JSONLineScanner and JSONParser disagree on \(text.debugDescription)")
            }
            // Picked fields (how keyed streams are read) fail where the object scan fails, or
            // make the same object.
            let kept = Result { () throws(JSONParser.Failure) -> JSONObject? in
                try JSONLineScanner.scan(Array(line), keeping: pickedKeys)
            }
            let picked = Result { () throws(JSONParser.Failure) -> JSONObject? in
                try JSONLineScanner.scanPicked(Array(line), keeping: pickedKeys)
            }
            let same: Bool
            switch (kept, picked) {
            case (.failure(let a), .failure(let b)): same = a.offset == b.offset && a.reason == b.reason
            case (.success(let a), .success(let b)): same = a == b
            default: same = false
            }
            guard same else {
                let text = String(decoding: line.prefix(200), as: UTF8.self)
                throw FuzzViolation("picked fields and the object scan disagree on \(text.debugDescription)")
            }
        }
    }

    private static let pickedKeys = JSONKeySet(["ts", "status", "event_type", "a", "", "\u{e9}", "mismatch_count"])
}
