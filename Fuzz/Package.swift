// swift-tools-version: 6.0
import Foundation
import PackageDescription

// libFuzzer targets over MagnesiumKit, kept out of the main package so its build and its
// tests never compile them. Build and run with scripts/fuzz (see README.md).

/// The main package is the folder above this one; SwiftPM names a path dependency after its folder.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()

let kit = Target.Dependency.product(name: "MagnesiumKit", package: mainPackage.lastPathComponent)

let package = Package(
    name: "MagnesiumFuzz",
    dependencies: [.package(path: mainPackage.path)],
    targets: [
        .target(name: "FuzzSupport", dependencies: [kit]),
        .executableTarget(name: "FuzzReply", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "FuzzKnowledge", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "FuzzTranscript", dependencies: ["FuzzSupport", kit]),
        .executableTarget(name: "FuzzCompiledGraph", dependencies: ["FuzzSupport", kit]),
    ],
    swiftLanguageModes: [.v6]
)
