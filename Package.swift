// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sitrep",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sitrep", targets: ["sitrep"]),
        .library(name: "IncidentKit", targets: ["IncidentKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // No pkgConfig: SwiftPM rejects the -D flags ncursesw's .pc reports (with a warning);
        // shim.h sets what they would, and the module map links ncursesw.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // GitHub's CommonMark parser for Markdown runbooks; the release links its static
        // libraries (scripts/release), so the binary stays one file.
        .systemLibrary(
            name: "CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "IncidentKit",
            dependencies: ["CCmarkGFM", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "ConsoleUI",
            dependencies: ["IncidentKit"]
        ),
        .executableTarget(
            name: "sitrep",
            dependencies: [
                "IncidentKit",
                "ConsoleUI",
                "CNcursesw",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz target bodies, shared by the libFuzzer binary (scripts/fuzz) and the replay tests.
        .target(
            name: "FuzzTargets",
            dependencies: ["IncidentKit", "ConsoleUI"]
        ),
        .executableTarget(
            name: "sitrep-fuzz",
            dependencies: ["FuzzTargets"]
        ),
        // Appends through JournalWriter from many processes at once, for the fault-injection tests.
        .executableTarget(
            name: "sitrep-fault-writer",
            dependencies: ["IncidentKit"]
        ),
        .testTarget(
            name: "IncidentKitTests",
            dependencies: ["IncidentKit"],
            exclude: ["RunbookCorpus"]
        ),
        .testTarget(
            name: "ConsoleUITests",
            dependencies: ["ConsoleUI", "IncidentKit"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "FuzzTargetsTests",
            dependencies: ["FuzzTargets"],
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "SitrepCLITests",
            dependencies: ["IncidentKit", "ConsoleUI", "sitrep", "sitrep-fault-writer"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
