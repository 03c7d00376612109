/// What the registry holds: the versions it could read, and the version files it could not (a corrupt or foreign
/// `p_v*.json` is reported, not allowed to hide every other version).
package struct RegistryListing: Sendable, Hashable {
    /// Readable versions, ordered by family then version.
    package var versions: [PromptVersion]
    /// Files named as versions that are not valid versions, in the same order.
    package var unreadable: [UnreadableVersion]

    package init(versions: [PromptVersion], unreadable: [UnreadableVersion]) {
        self.versions = versions
        self.unreadable = unreadable
    }
}

/// A file named as a version (`p_v1_3.json`) that is not a valid version, and why.
package struct UnreadableVersion: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file's name in the registry folder.
    package var file: String
    /// What is wrong with it, one line.
    package var reason: String

    package init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    package var description: String { "\(self.file) is not a valid version (\(self.reason)); it is skipped" }
}
