import PostgresNIO
import Prompts

/// Version numbers claimed in PostgreSQL (`prompt_version_claim`, primary key family and version), so trainers on
/// several machines writing one registry on shared storage never take the same number.
package struct PostgresVersionClaims: VersionClaims {
    let store: PostgresExperienceStore

    package init(store: PostgresExperienceStore) {
        self.store = store
    }

    package func claim(_ id: PromptID) async throws -> Bool {
        try await self.store.perform { client in
            try await !client.query(
                """
                INSERT INTO prompt_version_claim (family, version) VALUES (\(id.family), \(id.version))
                ON CONFLICT DO NOTHING RETURNING family
                """, logger: self.store.logger
            ).collect().isEmpty
        }
    }

    package func release(_ id: PromptID) async throws {
        try await self.store.perform { client in
            try await client.query(
                "DELETE FROM prompt_version_claim WHERE family = \(id.family) AND version = \(id.version)",
                logger: self.store.logger)
        }
    }
}
