import Foundation

/// A real crash on demand, for the test that the terminal is restored when the console dies of
/// a fatal signal (Tests/SitrepCLITests/ConsoleEndToEndTests.swift). With the environment
/// variable SITREP_TEST_CRASH_ON_KEY=1 the first key press ends the process with a Swift
/// runtime trap, as any crash in the console would. Not for use outside tests.
enum CrashForTesting {
    static let armed = ProcessInfo.processInfo.environment["SITREP_TEST_CRASH_ON_KEY"] == "1"

    static func onKey() {
        if armed { fatalError("SITREP_TEST_CRASH_ON_KEY: crashing on purpose") }
    }
}
