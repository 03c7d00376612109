/// `BoundedConcurrency` lives in ConcurrencyLimits, below RLTraining, so the demo world can use it without the
/// trainer. `PromptTrainer.swift` still reaches it through `import RLTraining` while that file is being rewritten
/// (issue 11, move 4); drop this re-export once it imports ConcurrencyLimits itself.
@_exported import ConcurrencyLimits
