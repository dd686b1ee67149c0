import Foundation
import Testing

@testable import IncidentKit

@Suite("Audit hash chain")
struct AuditChainTests {
    @Test("SHA-256 matches the FIPS 180-4 vectors and Python's hashlib across block boundaries")
    func sha256Vectors() {
        let vectors: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
            (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
            ("Zürich 🚨", "7760cc5992a1730c42a5c3c6b1aec2355881bb4245dbf23091ed3eef9aaedfdf"),
        ]
        for (input, digest) in vectors {
            #expect(SHA256.hex(Array(input.utf8)) == digest, "\(input.prefix(10))… (\(input.utf8.count) bytes)")
        }
    }

    @Test("re-serialises as json.dumps(sort_keys=True, separators=(',', ':')) with ensure_ascii")
    func canonicalForm() throws {
        // What Python printed for json.dumps(v) (the line) and the canonical form of the same v.
        let line =
            #"{"b": [1, 2.5, -0.0125, 1e-05, 1.5e+16, true, null], "a": "Z\u00fcrich \ud83d\udea8 \"q\" \\ \t\u007f\u0001", "\u00e9": {"z": 1, "Z": 2}}"#
        let python =
            #"{"a":"Z\u00fcrich \ud83d\udea8 \"q\" \\ \t\u007f\u0001","b":[1,2.5,-0.0125,1e-05,1.5e+16,true,null],"\u00e9":{"Z":2,"z":1}}"#
        let value = try PythonCanonicalJSON.parse(Array(line.utf8))
        #expect(String(decoding: try PythonCanonicalJSON.serialize(value), as: UTF8.self) == python)
        // The same text written raw (UTF-8, not escaped) comes out escaped all the same.
        let raw = try PythonCanonicalJSON.parse(Array(#"{"a":"Zürich 🚨"}"#.utf8))
        #expect(
            String(decoding: try PythonCanonicalJSON.serialize(raw), as: UTF8.self)
                == #"{"a":"Z\u00fcrich \ud83d\udea8"}"#)
    }

    @Test("number text Python's repr never writes cannot be reproduced")
    func pythonNumbers() {
        for ok in ["0", "-3", "12", "2.5", "-0.0125", "1e-05", "1.5e+16", "1e+100", "100.0", "0.0", "NaN", "-Infinity"]
        {
            #expect(PythonCanonicalJSON.isPythonNumber(ok), "\(ok)")
        }
        for bad in ["1.50", "1E5", "1e5", "01", "1.", ".5", "1e-5", "12.5e+16", "+1"] {
            #expect(!PythonCanonicalJSON.isPythonNumber(bad), "\(bad)")
        }
    }

    /// Writes entries chained as `utils/audit_log.py` chains them (hash of the canonical form).
    private func entries(_ count: Int, data: (Int) -> String) throws -> [String] {
        var previous = String(repeating: "0", count: 64)
        var lines: [String] = []
        for n in 1...count {
            let timestamp = "2026-11-29T02:2\(n % 10):00.000123"
            let canonical =
                #"{"data":\#(data(n)),"event_type":"risk_warning","previous_hash":"\#(previous)","sequence_number":\#(n),"timestamp":"\#(timestamp)"}"#
            let value = try PythonCanonicalJSON.parse(Array(canonical.utf8))
            let hash = SHA256.hex(try PythonCanonicalJSON.serialize(value))
            lines.append(
                #"{"timestamp":"\#(timestamp)","event_type":"risk_warning","data":\#(data(n)),"sequence_number":\#(n),"previous_hash":"\#(previous)","entry_hash":"\#(hash)"}"#
            )
            previous = hash
        }
        return lines
    }

    @Test(
        "an intact chain across files verifies; a changed entry, a skipped sequence and a broken link name file and line"
    )
    func breaks() throws {
        try withFollowScratch { scratch in
            let lines = try entries(5) { #"{"qty":\#($0),"price":187.35,"note":"ok"}"# }
            try scratch.append("audit_logs/audit_20261129_0000.jsonl", lines[0..<3].joined(separator: "\n") + "\n")
            try scratch.append("audit_logs/audit_20261129_0001.jsonl", lines[3...].joined(separator: "\n") + "\n")
            let verifier = AuditChainVerifier(root: scratch.root)
            let paths = ["audit_logs/audit_20261129_0000.jsonl", "audit_logs/audit_20261129_0001.jsonl"]
            verifier.refresh(paths: paths)
            #expect(verifier.findings.isEmpty)
            #expect(verifier.verifiedEntries == 5)

            // Appending more entries is read from where it stopped.
            let more = try entries(6) { #"{"qty":\#($0),"price":187.35,"note":"ok"}"# }
            try scratch.append(paths[1], more[5] + "\n")
            verifier.refresh(paths: paths)
            #expect(verifier.verifiedEntries == 6)
            #expect(verifier.findings.isEmpty)

            // Tampering with the data of entry 2 (line 2 of the first file).
            let tampered = lines[1].replacingOccurrences(of: #""qty":2"#, with: #""qty":20"#)
            try scratch.rewrite(paths[0], [lines[0], tampered, lines[2]].joined(separator: "\n") + "\n")
            verifier.refresh(paths: paths)
            let broken = verifier.findings.filter { $0.kind == .broken }
            #expect(broken.count == 1)
            #expect(broken.first?.path == paths[0])
            #expect(broken.first?.line == 2)

            // A lost entry: the next one's previous_hash no longer links.
            try scratch.rewrite(paths[0], [lines[0], lines[2]].joined(separator: "\n") + "\n")
            verifier.refresh(paths: paths)
            #expect(verifier.findings.map(\.line) == [2])
            #expect(verifier.findings.first?.message.contains("chain broken at sequence 3") == true)
        }
    }

    @Test("a refresh reads a bounded amount; a file read part way holds the next file back, never a false break")
    func boundedRefresh() throws {
        try withFollowScratch { scratch in
            let lines = try entries(60) { #"{"qty":\#($0),"note":"\#(String(repeating: "x", count: 40))"}"# }
            let paths = ["audit_logs/audit_20261129_0000.jsonl", "audit_logs/audit_20261129_0001.jsonl"]
            try scratch.append(paths[0], lines[0..<40].joined(separator: "\n") + "\n")
            try scratch.append(paths[1], lines[40...].joined(separator: "\n") + "\n")
            // One 1 KiB piece per refresh: each refresh checks only a few entries.
            let verifier = AuditChainVerifier(root: scratch.root, pieceSize: 1 << 10, bytesPerRefresh: 1)
            var refreshes = 0
            var counts: [Int] = []
            while verifier.verifiedEntries < 60, refreshes < 100 {
                verifier.refresh(paths: paths)
                refreshes += 1
                counts.append(verifier.verifiedEntries)
                #expect(verifier.findings.isEmpty, "refresh \(refreshes): \(verifier.findings)")
            }
            #expect(verifier.verifiedEntries == 60)
            #expect(refreshes > 5, "\(counts)")
            #expect(counts == counts.sorted())
        }
    }

    @Test("a number written in a form Python never writes is 'cannot verify', not a break")
    func cannotVerify() throws {
        try withFollowScratch { scratch in
            var lines = try entries(3) { #"{"value":\#($0).5}"# }
            // Same value, spelt as no Python repr would: the hash cannot be recomputed.
            lines[1] = lines[1].replacingOccurrences(of: #""value":2.5"#, with: #""value":2.50"#)
            try scratch.append("audit_logs/audit_20261129_0000.jsonl", lines.joined(separator: "\n") + "\n")
            let verifier = AuditChainVerifier(root: scratch.root)
            verifier.refresh(paths: ["audit_logs/audit_20261129_0000.jsonl"])
            #expect(verifier.findings.filter { $0.kind == .broken }.isEmpty)
            let unverifiable = verifier.findings.filter { $0.kind == .cannotVerify }
            #expect(unverifiable.map(\.line) == [2])
            #expect(unverifiable.first?.message.hasPrefix("cannot verify") == true)
            // The link after it is still checked.
            #expect(verifier.verifiedEntries == 2)
        }
    }
}
