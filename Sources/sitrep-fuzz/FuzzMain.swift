import Foundation
import FuzzTargets

// Built two ways (see scripts/fuzz):
// - with `--sanitize=fuzzer -Xswiftc -DSITREP_LIBFUZZER`: a libFuzzer binary; libFuzzer brings
//   `main` and the target is chosen by the SITREP_FUZZ_TARGET environment variable
//   (`SITREP_FUZZ_TARGET=--list` prints the names);
// - plainly (as `swift build` does): `sitrep-fuzz TARGET FILE...` replays saved inputs, and
//   `sitrep-fuzz --list` prints the targets.

private func selectedTarget() -> FuzzTarget {
    let name = getenv("SITREP_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    if name == "--list" {
        for target in FuzzTargets.all { print(target.name) }
        exit(0)
    }
    guard let target = FuzzTargets.named(name) else {
        let names = FuzzTargets.all.map(\.name).joined(separator: ", ")
        complain("set SITREP_FUZZ_TARGET to one of: \(names)")
        exit(2)
    }
    return target
}

private func complain(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

private func runOne(_ target: FuzzTarget, _ bytes: [UInt8]) {
    do {
        try target.run(bytes)
    } catch {
        fatalError("\(target.name): \(error)")
    }
}

#if SITREP_LIBFUZZER
    private let fuzzTarget = selectedTarget()

    /// Runs before libFuzzer starts, so `--list` and a bad target name exit cleanly.
    @_cdecl("LLVMFuzzerInitialize")
    public func fuzzInitialize(
        _ argc: UnsafeMutablePointer<Int32>?,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
    ) -> Int32 {
        _ = fuzzTarget
        return 0
    }

    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        runOne(fuzzTarget, bytes)
        return 0
    }
#else
    @main
    enum FuzzReplay {
        static func main() {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "--list" {
                for target in FuzzTargets.all { print("\(target.name)\t\(target.summary)") }
                return
            }
            guard let name = arguments.first, let target = FuzzTargets.named(name) else {
                complain("usage: sitrep-fuzz --list | sitrep-fuzz TARGET FILE...")
                exit(2)
            }
            for path in arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    complain("cannot read \(path)")
                    exit(2)
                }
                runOne(target, [UInt8](data))
                print("\(path): ok")
            }
        }
    }
#endif
