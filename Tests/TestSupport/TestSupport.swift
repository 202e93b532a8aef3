import Foundation
import MagnesiumKit
import MagnesiumKnowledge

/// The repository's own folders, found from this file's place.
public enum Repository {
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()
    public static let knowledgeFolder = root.appendingPathComponent("Knowledge")
    public static let transcriptsFolder = root.appendingPathComponent("Transcripts")
    /// The content tests' fixtures: phrasings, held-out questions and the safety battery.
    public static let fixturesFolder = root.appendingPathComponent("Tests/ContentTests/Fixtures")

    /// Loaded once for all tests.
    public static let knowledge: Knowledge = {
        do { return try Knowledge.load(from: knowledgeFolder) } catch {
            fatalError("the repository's knowledge does not load:\n\(error)")
        }
    }()

    public static func transcriptFiles() -> [String] {
        let walker = FileManager.default.enumerator(atPath: transcriptsFolder.path)
        var files: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".txt") { files.append(relative) }
        }
        return files.sorted()
    }
}

/// Asks a series of questions in one session and returns the replies.
public func converse(_ lines: [String]) -> [Reply] {
    var session = Session(knowledge: Repository.knowledge)
    return lines.map { session.respond(to: $0) }
}

/// A throwaway knowledge folder holding the given files, for loader tests.
public func temporaryKnowledge(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "mg-\(UUID().uuidString)/Knowledge")
    for (name, text) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return folder
}

/// The id of the designed answer a reply gave, as its `:why` context names it; nil for none.
public func designedAnswerID(of reply: Reply) -> String? {
    reply.context.first { $0.hasPrefix("answer: ") }.map {
        String($0.dropFirst("answer: ".count).prefix { $0 != " " })
    }
}
