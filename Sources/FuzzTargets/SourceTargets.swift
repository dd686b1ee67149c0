import IncidentKit

extension FuzzTarget {
    /// Any text as a source profile: it loads or throws a `PolicyError`, never crashes or hangs.
    public static let profileLoader = FuzzTarget(name: "profile", summary: "ProfileLoader.parse on arbitrary YAML") {
        bytes throws(FuzzViolation) in
        _ = try? ProfileLoader.parse(text: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
    }

    /// Any line as an audit entry: Python's canonical form, when it can be reproduced, is a
    /// fixed point (re-serialising it gives the same bytes) and pure ASCII, as `ensure_ascii`
    /// makes it.
    public static let auditCanonical = FuzzTarget(
        name: "audit-canonical", summary: "PythonCanonicalJSON: json.dumps(sort_keys, ensure_ascii) form"
    ) { bytes throws(FuzzViolation) in
        for line in bytes.split(separator: 0x0A) {
            guard let canonical = PythonCanonicalJSON.canonicalForm(of: Array(line)) else { continue }
            guard canonical.allSatisfy({ $0 < 0x80 }) else {
                throw FuzzViolation(
                    "canonical form is not ASCII: \(String(decoding: canonical.prefix(120), as: UTF8.self))")
            }
            guard PythonCanonicalJSON.canonicalForm(of: canonical) == canonical else {
                throw FuzzViolation(
                    "canonical form is not a fixed point: \(String(decoding: canonical.prefix(120), as: UTF8.self))")
            }
        }
    }
}
