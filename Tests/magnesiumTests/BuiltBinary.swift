import Foundation

/// Where the end-to-end tests find the repository and the `magnesium` binary `swift test` built.
enum BuiltBinary {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// Beside the test bundle when SwiftPM built both; otherwise the default debug build folder.
    static var url: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("magnesium")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return root.appendingPathComponent(".build/debug/magnesium")
    }
}
