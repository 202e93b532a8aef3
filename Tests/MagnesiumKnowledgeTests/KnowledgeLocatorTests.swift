import Foundation
import Testing

@testable import MagnesiumKnowledge

/// The locator works on paths as text; these pin down the text rules and the order of the folders
/// it tries.
@Suite struct KnowledgeLocatorTests {
    @Test func parentDropsTheLastComponent() {
        #expect(KnowledgeLocator.parent(of: "/a/b/c") == "/a/b")
        #expect(KnowledgeLocator.parent(of: "/a/b/") == "/a")
        #expect(KnowledgeLocator.parent(of: "/a") == "/")
        #expect(KnowledgeLocator.parent(of: "/") == "/")
        #expect(KnowledgeLocator.parent(of: "file") == ".")
    }

    @Test func joinedPutsOneSlashBetween() {
        #expect(FileIO.joined("/a", "Knowledge") == "/a/Knowledge")
        #expect(FileIO.joined("/a/", "Knowledge") == "/a/Knowledge")
        #expect(FileIO.joined("/", "Knowledge") == "/Knowledge")
    }

    @Test func triesBesideTheProgramThenUpwardsThenTheCheckoutThenHere() {
        let candidates = KnowledgeLocator.candidates(
            executablePath: "/nonexistent-magnesium/x/.build/release/magnesium",
            builtFrom: "/src/checkout/Sources/magnesium/Utilities/Support.swift")
        #expect(
            Array(candidates.prefix(6)) == [
                "/nonexistent-magnesium/x/.build/release/Knowledge",
                "/nonexistent-magnesium/x/.build/release/share/magnesium/Knowledge",
                "/nonexistent-magnesium/x/.build/Knowledge",
                "/nonexistent-magnesium/x/.build/share/magnesium/Knowledge",
                "/nonexistent-magnesium/x/Knowledge",
                "/nonexistent-magnesium/x/share/magnesium/Knowledge",
            ])
        #expect(candidates.count == 14)
        #expect(candidates[12] == "/src/checkout/Knowledge")
        #expect(candidates[13] == FileManager.default.currentDirectoryPath + "/Knowledge")
    }

    @Test func findsTheFolderWithTheAreasFileAndNothingWithout() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("locator-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let binary = root + "/install/bin/magnesium"
        try FileManager.default.createDirectory(
            atPath: root + "/install/bin", withIntermediateDirectories: true)
        // Nothing under the root yet (the working folder's own Knowledge may still be found).
        let before = KnowledgeLocator.locatePath(
            explicit: nil, environment: [:], executablePath: binary,
            builtFrom: root + "/no/such/checkout/file.swift")
        #expect(!(before?.hasPrefix(root) ?? false))
        let installed = root + "/install/share/magnesium/Knowledge"
        try FileManager.default.createDirectory(
            atPath: installed, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: installed + "/areas.yaml", contents: Data()))
        #expect(
            KnowledgeLocator.locatePath(
                explicit: nil, environment: [:], executablePath: binary,
                builtFrom: root + "/no/such/checkout/file.swift") == installed)
        // The environment and an explicit folder come first, standardised.
        #expect(
            KnowledgeLocator.locatePath(
                explicit: nil, environment: ["MAGNESIUM_KNOWLEDGE": root + "/a/../b"],
                executablePath: binary, builtFrom: "") == root + "/b")
        #expect(
            KnowledgeLocator.locatePath(
                explicit: root + "/c", environment: ["MAGNESIUM_KNOWLEDGE": root + "/b"],
                executablePath: binary, builtFrom: "") == root + "/c")
    }
}
