import ArgumentParser

/// `kaizen`: runs the Kaizen services, the pipeline and its tools from one executable.
@main
struct Kaizen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kaizen: offline self-improvement of an LLM application's prompts.",
        discussion: """
            Kaizen reads logged interactions (the experience store), clusters the failures, proposes and ranks \
            prompt patches, trains over them, and writes new prompt versions to the registry.

            Configuration comes from options, then environment variables (KAIZEN_DATABASE_URL, \
            KAIZEN_REGISTRY_PATH, KAIZEN_HTTP_HOST, KAIZEN_HTTP_MAX_BODY_SIZE, ...); see the README.
            """,
        subcommands: [
            ExperiencesCommand.self,
            PromptsCommand.self,
            ClusterCommand.self,
            PatchesCommand.self,
            RankCommand.self,
            TrainCommand.self,
            PipelineCommand.self,
            DemoCommand.self,
            VerifyCommand.self,
            CalibrateCommand.self,
            EvalCommand.self,
            ServeCommand.self,
        ]
    )

    /// Every message a command fails with starts `error: ` (argument-parser's own default is `Error: `), so errors
    /// thrown as ``CommandFailure``, argument-parser's usage errors and those printed directly read alike.
    static var _errorPrefix: String { "error: " }
}
