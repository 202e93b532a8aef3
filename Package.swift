// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "magnesium",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "magnesium", targets: ["magnesium"]),
        .library(
            name: "MagnesiumKit",
            targets: [
                "MagnesiumText", "MagnesiumKnowledge", "MagnesiumUnderstanding", "MagnesiumKit",
                "MagnesiumTranscripts",
            ]
        ),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Line editing: libedit's readline-compatible API (Debian: libedit-dev).
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        // The modules below depend only downwards: Text <- Knowledge <- Understanding <- Kit <-
        // Transcripts, and the executable on top. A module never imports one above it.
        //
        // Words as every layer reads them (content checks and the matcher must agree), and safe
        // text.
        .target(name: "MagnesiumText"),
        // The graph: its model, schema, YAML loading, validation and binary form.
        .target(
            name: "MagnesiumKnowledge",
            dependencies: ["MagnesiumText", .product(name: "Yams", package: "Yams")]
        ),
        // Reading one line: spelling, the matcher and its tables, red flags, amounts and ages.
        .target(
            name: "MagnesiumUnderstanding", dependencies: ["MagnesiumText", "MagnesiumKnowledge"]),
        // The assistant: the knowledge store (graph + matcher + cache), conversation, answers,
        // rendering.
        .target(
            name: "MagnesiumKit",
            dependencies: ["MagnesiumText", "MagnesiumKnowledge", "MagnesiumUnderstanding"]
        ),
        // Saved conversations as tests: parse, replay, record, update.
        .target(
            name: "MagnesiumTranscripts",
            dependencies: ["MagnesiumText", "MagnesiumKnowledge", "MagnesiumKit"]
        ),
        // The command-line front end: argument parsing, the REPL, batch and JSON modes.
        .executableTarget(
            name: "magnesium",
            dependencies: [
                "MagnesiumText",
                "MagnesiumKnowledge",
                "MagnesiumUnderstanding",
                "MagnesiumKit",
                "MagnesiumTranscripts",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A position-dependent release binary: with the Swift runtime linked in statically, a
            // position-independent one has about 77,000 relocations for the loader to apply at
            // every start, writing to (and so copying) some 260 pages: a third of the page faults
            // of `magnesium --version`.
            linkerSettings: [
                .unsafeFlags(
                    ["-Xlinker", "-no-pie"], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // Shared by the test targets: the repository's folders, and a tiny graph built in code.
        .target(
            name: "MagnesiumTestSupport",
            dependencies: ["MagnesiumKnowledge", "MagnesiumKit"],
            path: "Tests/TestSupport"
        ),
        // A test target per module; engine tests use TinyGraph, never the repository's knowledge.
        .testTarget(name: "MagnesiumTextTests", dependencies: ["MagnesiumText"]),
        .testTarget(
            name: "MagnesiumKnowledgeTests",
            dependencies: ["MagnesiumText", "MagnesiumKnowledge", "MagnesiumTestSupport"]
        ),
        .testTarget(
            name: "MagnesiumUnderstandingTests",
            dependencies: [
                "MagnesiumText", "MagnesiumKnowledge", "MagnesiumUnderstanding", "MagnesiumKit",
                "MagnesiumTestSupport",
            ]
        ),
        .testTarget(
            name: "MagnesiumKitTests",
            dependencies: [
                "MagnesiumText", "MagnesiumKnowledge", "MagnesiumUnderstanding", "MagnesiumKit",
                "MagnesiumTranscripts",
                "MagnesiumTestSupport",
            ]
        ),
        .testTarget(
            name: "MagnesiumTranscriptsTests",
            dependencies: [
                "MagnesiumKnowledge", "MagnesiumKit", "MagnesiumTranscripts",
                "MagnesiumTestSupport",
            ]
        ),
        // The repository's own knowledge: transcripts, phrasings, the safety battery, article
        // claims.
        .testTarget(
            name: "ContentTests",
            dependencies: [
                "MagnesiumText", "MagnesiumKnowledge", "MagnesiumUnderstanding", "MagnesiumKit",
                "MagnesiumTranscripts",
                "MagnesiumTestSupport",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "magnesiumTests",
            dependencies: [
                "MagnesiumText", "MagnesiumKnowledge", "MagnesiumKit", "MagnesiumTranscripts",
                "magnesium",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
