// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "magnesium",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "magnesium", targets: ["magnesium"]),
        .library(name: "MagnesiumKit", targets: ["MagnesiumKit"]),
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
        // Everything but terminal I/O: the graph, understanding, dialogue, answers, transcripts.
        .target(
            name: "MagnesiumKit",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // The command-line front end: argument parsing, the REPL, batch and JSON modes.
        .executableTarget(
            name: "magnesium",
            dependencies: [
                "MagnesiumKit",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MagnesiumKitTests", dependencies: ["MagnesiumKit"], exclude: ["Fixtures"]),
        .testTarget(name: "magnesiumTests", dependencies: ["MagnesiumKit", "magnesium"]),
    ],
    swiftLanguageModes: [.v6]
)
