import Foundation
import IncidentKit

/// A writer for the fault-injection tests (Tests/SitrepCLITests/Fault*): it appends through the
/// same `JournalWriter` as the console, so many of them can hammer one journal at once.
///
///     sitrep-fault-writer acks JOURNAL WRITER COUNT BYTES
///
/// appends COUNT `incident_ack` records of incident INC-STRESS, each padded to exactly BYTES
/// bytes with its newline, with `ack_by` WRITER and `event_id` WRITER-N. Not part of the product.
@main
enum FaultWriter {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard args.count == 5, args[0] == "acks", let count = Int(args[3]), let bytes = Int(args[4]) else {
            FileHandle.standardError.write(Data("usage: sitrep-fault-writer acks JOURNAL WRITER COUNT BYTES\n".utf8))
            exit(2)
        }
        let (journal, writer) = (args[1], args[2])
        let ts = Date(timeIntervalSince1970: 1_763_720_000)
        for n in 1...count {
            let record = paddedAck(writer: writer, n: n, ts: ts, bytes: bytes)
            do {
                try JournalWriter.append(record, to: journal)
            } catch {
                FileHandle.standardError.write(Data("\(writer)-\(n): \(error)\n".utf8))
                exit(1)
            }
        }
    }

    static func paddedAck(writer: String, n: Int, ts: Date, bytes: Int) -> JSONValue {
        func record(_ notes: String) -> JSONValue {
            guard
                case .object(var object) = JournalRecords.ack(
                    id: "INC-STRESS", by: writer, notes: notes, host: "h", ts: ts)
            else { return .null }
            object["event_id"] = .string("\(writer)-\(n)")
            return .object(object)
        }
        let bare = JSONWriter.string(record("")).utf8.count + 1
        return record(String(repeating: "x", count: max(0, bytes - bare)))
    }
}
