import Foundation
import MagnesiumText

/// Finds the `Knowledge/` folder wherever the command is run from.
///
/// Order: an explicit folder, `$MAGNESIUM_KNOWLEDGE`, a `Knowledge/` beside the
/// executable or in a folder above it (a build inside the checkout), the
/// checkout this binary was built from, then `./Knowledge`.
public enum KnowledgeLocator {
    public static func locate(
        explicit: String?, environment: [String: String], executablePath: String?,
        builtFrom sourceFile: String
    ) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let fromEnvironment = environment["MAGNESIUM_KNOWLEDGE"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        var candidates: [URL] = []
        if let executablePath {
            var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
                .deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(folder.appendingPathComponent("Knowledge"))
                candidates.append(folder.appendingPathComponent("share/magnesium/Knowledge"))
                folder.deleteLastPathComponent()
            }
        }
        // Sources/magnesium/<file>.swift → the checkout's root.
        var root = URL(fileURLWithPath: sourceFile)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        candidates.append(root.appendingPathComponent("Knowledge"))
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
                "Knowledge"))
        return candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("areas.yaml").path)
        }
    }
}
