import Foundation
import MagnesiumText

/// Finds the `Knowledge/` folder wherever the command is run from.
///
/// Order: an explicit folder, `$MAGNESIUM_KNOWLEDGE`, a `Knowledge/` beside the
/// executable or in a folder above it (a build inside the checkout), the
/// checkout this binary was built from, then `./Knowledge`.
///
/// Paths are worked on as text and checked with `stat`: every start-up runs this, and
/// Foundation's `URL` took half a millisecond over the dozen candidates.
public enum KnowledgeLocator {
    public static func locate(
        explicit: String?, environment: [String: String], executablePath: String?,
        builtFrom sourceFile: String
    ) -> URL? {
        locatePath(
            explicit: explicit, environment: environment, executablePath: executablePath,
            builtFrom: sourceFile
        ).map { URL(fileURLWithPath: $0, isDirectory: true) }
    }

    /// ``locate(explicit:environment:executablePath:builtFrom:)`` as an absolute path.
    public static func locatePath(
        explicit: String?, environment: [String: String], executablePath: String?,
        builtFrom sourceFile: String
    ) -> String? {
        if let explicit { return URL(fileURLWithPath: explicit).standardizedFileURL.path }
        if let fromEnvironment = environment["MAGNESIUM_KNOWLEDGE"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment).standardizedFileURL.path
        }
        return candidates(executablePath: executablePath, builtFrom: sourceFile)
            .first { FileIO.isRegularFile($0 + "/areas.yaml") }
    }

    /// The folders tried, in order, as absolute paths.
    static func candidates(executablePath: String?, builtFrom sourceFile: String) -> [String] {
        var candidates: [String] = []
        if let executablePath {
            var folder = parent(of: resolved(absolute(executablePath)))
            for _ in 0..<6 {
                candidates.append(FileIO.joined(folder, "Knowledge"))
                candidates.append(FileIO.joined(folder, "share/magnesium/Knowledge"))
                folder = parent(of: folder)
            }
        }
        // Sources/magnesium/<file>.swift → the checkout's root.
        var root = absolute(sourceFile)
        for _ in 0..<4 { root = parent(of: root) }
        candidates.append(FileIO.joined(root, "Knowledge"))
        candidates.append(FileIO.joined(absolute("."), "Knowledge"))
        return candidates
    }

    /// `path` with its last component dropped; "/" stays "/".
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// `path` against the working folder when it is relative.
    private static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let folder = String(
            decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path == "." ? folder : FileIO.joined(folder, path)
    }

    /// `path` with every symbolic link resolved, or as it is when it cannot be.
    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
