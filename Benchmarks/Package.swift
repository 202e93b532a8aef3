// swift-tools-version: 6.1
// The benchmarks, a package of their own so the main build and CI never compile them.
// Run from this folder: `swift package benchmark` (ordo-one/benchmark), or
// `swift run -c release magnesium-perf latency|scale|startup` for quick in-process figures.
import PackageDescription

let package = Package(
    name: "MagnesiumBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "magnesium", path: ".."),
        .package(
            url: "https://github.com/ordo-one/benchmark", from: "1.38.1",
            traits: ["MallocInterposer"]),
    ],
    targets: [
        // Inputs shared by the benchmarks and magnesium-perf: the question mix, scaled graphs,
        // timing.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "MagnesiumKit", package: "magnesium")]),
        .executableTarget(
            name: "magnesium-perf",
            dependencies: [
                "BenchmarkSupport", .product(name: "MagnesiumKit", package: "magnesium"),
            ], path: "Sources/MagnesiumPerf"),
        .executableTarget(
            name: "MagnesiumBenchmarks",
            dependencies: [
                "BenchmarkSupport",
                .product(name: "MagnesiumKit", package: "magnesium"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MagnesiumBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
