import Foundation
@testable import MagnesiumKit
@testable import MagnesiumKnowledge
@testable import MagnesiumText
@testable import MagnesiumTranscripts
@testable import MagnesiumUnderstanding

/// The repository's own folders, found from this file's place.
enum Repository {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()
    static let knowledgeFolder = root.appendingPathComponent("Knowledge")
    static let transcriptsFolder = root.appendingPathComponent("Transcripts")

    /// Loaded once for all tests.
    static let knowledge: Knowledge = {
        do { return try Knowledge.load(from: knowledgeFolder) } catch { fatalError("the repository's knowledge does not load:\n\(error)") }
    }()

    static func transcriptFiles() -> [String] {
        let walker = FileManager.default.enumerator(atPath: transcriptsFolder.path)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".txt") { files.append(relative) }
        }
        return files.sorted()
    }
}

/// Asks a series of questions in one session and returns the replies.
func converse(_ lines: [String]) -> [Reply] {
    var session = Session(knowledge: Repository.knowledge)
    return lines.map { session.respond(to: $0) }
}

/// A throwaway knowledge folder holding the given files, for loader tests.
func temporaryKnowledge(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mg-\(UUID().uuidString)/Knowledge")
    for (name, text) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return folder
}
