import Experiences
import HTTPSupport
import PromptTraining
import RLTraining
import Stages

/// The OpenAPI description of the trainer's and the registry's routes.
enum TrainerAPI {
    static let idParameter: JSONValue = ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]
    static let familyParameter: JSONValue = [
        "name": "family", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1],
    ]

    /// The answer when the service holds as many jobs as ``TrainingJobCapacity/standard`` allows.
    static let fullResponse: JSONValue = [
        "description": .string(
            "The service already holds \(TrainingJobCapacity.standard.active) running or queued jobs (\(TrainingJobCapacity.standard.running) run at once); submit again after Retry-After seconds. Or the store's database is unavailable (without Retry-After)"
        ),
        "headers": [
            "Retry-After": ["description": "Seconds to wait before submitting again", "schema": ["type": "integer"]]
        ],
        "content": ["application/json": ["schema": OpenAPIDocument.ref("Error")]],
    ]

    static let paths: [String: JSONValue] = [
        "/api/v1/train": [
            "post": [
                "summary":
                    "Start a GRPO training job over the ranked patches (202), or run it to the end with wait: true (200)",
                "operationId": "train",
                "requestBody": [
                    "required": true,
                    "content": ["application/json": ["schema": OpenAPIDocument.ref("TrainingRequest")]],
                ],
                "responses": .object(
                    OpenAPIDocument.bodyErrors.merging([
                        "202": OpenAPIDocument.jsonResponse(
                            "The job, queued", schema: OpenAPIDocument.ref("TrainingJob")),
                        "200": OpenAPIDocument.jsonResponse(
                            "The finished job (wait: true)", schema: OpenAPIDocument.ref("TrainingJob")),
                        "404": OpenAPIDocument.errorResponse("Unknown base prompt"),
                        "503": fullResponse,
                    ]) { $1 }),
            ]
        ],
        "/api/v1/train/{id}": [
            "get": [
                "summary": "A job's state, progress, reward and KL curve, and result",
                "operationId": "getTrainingJob",
                "parameters": [idParameter],
                "responses": [
                    "200": OpenAPIDocument.jsonResponse("The job", schema: OpenAPIDocument.ref("TrainingJob")),
                    "404": OpenAPIDocument.errorResponse("No such job"),
                    "503": OpenAPIDocument.storeUnavailable,
                ],
            ],
            "delete": [
                "summary": "Cancel a queued or running job; it writes nothing",
                "operationId": "cancelTrainingJob",
                "parameters": [idParameter],
                "responses": [
                    "202": OpenAPIDocument.jsonResponse(
                        "Cancellation requested", schema: OpenAPIDocument.ref("TrainingJob")),
                    "404": OpenAPIDocument.errorResponse("No such job"),
                    "503": OpenAPIDocument.storeUnavailable,
                    "409": OpenAPIDocument.errorResponse("The job already ended"),
                ],
            ],
        ],
        "/api/v1/prompts": [
            "get": [
                "summary": "The registry's versions (optionally one family)",
                "operationId": "listPrompts",
                "parameters": [familyParameter],
                "responses": [
                    "200": OpenAPIDocument.jsonResponse(
                        "Versions",
                        schema: [
                            "type": "object",
                            "required": ["prompts", "unreadable"],
                            "properties": [
                                "prompts": ["type": "array", "items": ["type": "object"]],
                                "unreadable": [
                                    "type": "array",
                                    "description": "Version files that could not be read; they are left out of prompts",
                                    "items": [
                                        "type": "object", "required": ["file", "reason"],
                                        "properties": ["file": ["type": "string"], "reason": ["type": "string"]],
                                    ],
                                ],
                            ],
                        ]),
                    "422": OpenAPIDocument.errorResponse("family is not a positive integer"),
                    "503": OpenAPIDocument.errorResponse("The registry path is not a readable folder"),
                ],
            ]
        ],
        "/api/v1/prompts/latest": [
            "get": [
                "summary":
                    "The newest version of a family (or of the newest family), with an ETag; a long poll with wait",
                "description": """
                The deployment agent's watch. The answer carries `ETag: "<prompt_id>"` (versions never change). \
                Send it back as `If-None-Match` to get 304 while it is still the newest; add `wait=S` to hold \
                the request up to S seconds until a newer version exists (200 at once when it does, 304 when \
                the wait ends). With no version yet, `wait` holds the request until the first one is written.
                """,
                "operationId": "latestPrompt",
                "parameters": [
                    familyParameter,
                    [
                        "name": "wait", "in": "query", "required": false,
                        "description": "Seconds to wait for a version newer than If-None-Match names",
                        "schema": [
                            "type": "integer", "minimum": 0, "maximum": .integer(LatestPromptWatch.maximumWait),
                            "default": 0,
                        ],
                    ],
                    [
                        "name": "If-None-Match", "in": "header", "required": false,
                        "description": "The ETag of the version the caller holds",
                        "schema": ["type": "string", "examples": ["\"p_v1_2\""]],
                    ],
                ],
                "responses": [
                    "200": [
                        "description": "The newest readable version file",
                        "headers": [
                            "ETag": ["description": "The version's id, quoted", "schema": ["type": "string"]],
                            "Kaizen-Unreadable-Versions": [
                                "description": "Newer version files skipped because they could not be read, if any",
                                "schema": ["type": "string"],
                            ],
                        ],
                        "content": ["application/json": ["schema": OpenAPIDocument.ref("PromptVersion")]],
                    ],
                    "304": [
                        "description":
                            "The version If-None-Match names is still the newest (after the wait, if one was asked)",
                        "headers": ["ETag": ["description": "The version's id, quoted", "schema": ["type": "string"]]],
                    ],
                    "404": OpenAPIDocument.errorResponse("No version in that family"),
                    "422": OpenAPIDocument.errorResponse("family is not a positive integer, or wait is out of range"),
                    "503": OpenAPIDocument.errorResponse("The registry path is not a readable folder"),
                ],
            ]
        ],
        "/api/v1/prompts/{id}": [
            "get": [
                "summary": "One version file",
                "operationId": "getPrompt",
                "parameters": [idParameter],
                "responses": [
                    "200": OpenAPIDocument.jsonResponse(
                        "The version file", schema: OpenAPIDocument.ref("PromptVersion")),
                    "404": OpenAPIDocument.errorResponse("No such version"),
                    "422": OpenAPIDocument.errorResponse("Not a prompt id"),
                    "500": OpenAPIDocument.errorResponse(
                        "The version's file is there but is not a valid version (corrupt, or another version's content); the detail names the file and why"
                    ),
                    "503": OpenAPIDocument.errorResponse("The registry path is not a readable folder"),
                ],
            ]
        ],
    ]

    /// The trainer's defaults, which a request's absent fields take.
    static let defaults = TrainerConfiguration()

    static let schemas: [String: JSONValue] = [
        "TrainingRequest": [
            "type": "object",
            "required": ["base_prompt_id", "clusters"],
            "properties": [
                "base_prompt_id": [
                    "type": "string", "examples": ["p_v1_1"],
                    "description":
                        "The exact version the candidates were written against (not `latest`: each candidate's prompt_text is that version's text with the patch applied)",
                ],
                "clusters": [
                    "type": "array", "minItems": 1,
                    "items": [
                        "type": "object", "required": ["candidates"],
                        "description":
                            "The cluster is 'cluster' inline, or 'clustering_id' + 'cluster_id' (a stored run)",
                        "properties": [
                            "cluster": [
                                "type": "object",
                                "description":
                                    "A cluster as /api/v1/cluster returns it, with every member id (member_ids required; the response lists at most the first 1000, so name a cluster with members_truncated by clustering_id + cluster_id)",
                            ],
                            "clustering_id": ["type": "string"],
                            "cluster_id": ["type": "string"],
                            "candidates": [
                                "type": "array", "minItems": 1,
                                "items": [
                                    "type": "object", "description": "Ranked candidates as /api/v1/rank returns them",
                                ],
                            ],
                        ],
                    ],
                ],
                "seed": ["type": "integer", "minimum": 0, "default": 0],
                "group_size": OpenAPIDocument.integer(in: TrainingRequestLimits.groupSize, default: defaults.groupSize),
                "batch_size": OpenAPIDocument.integer(in: TrainingRequestLimits.batchSize, default: defaults.batchSize),
                "steps": OpenAPIDocument.integer(
                    in: TrainingRequestLimits.steps, default: defaults.steps,
                    description:
                        "GRPO steps; steps × group_size × batch_size (or budget.rollouts when lower) may plan at most \(TrainingRequestLimits.trainingRollouts) training rollouts"
                ),
                "budget": [
                    "type": "object",
                    "properties": [
                        "rollouts": OpenAPIDocument.integer(
                            in: TrainingRequestLimits.rollouts,
                            description:
                                "cap on training rollouts (the gate's answers are not counted); steps take whole groups of group_size, so a cap below group_size trains nothing and the gate judges the ranker's top choice"
                        ),
                        "tokens": OpenAPIDocument.integer(
                            in: TrainingRequestLimits.tokens,
                            description:
                                "cap on the model tokens of training rollouts (the gate's answers are not counted); the first group measures a rollout's cost, so a run overshoots by at most one group"
                        ),
                    ],
                ],
                "wait": ["type": "boolean", "default": false],
                "held_out_fraction": [
                    "type": "number",
                    "exclusiveMinimum": OpenAPIDocument.number(TrainingRequestLimits.heldOutFraction.above),
                    "exclusiveMaximum": OpenAPIDocument.number(TrainingRequestLimits.heldOutFraction.below),
                    "default": OpenAPIDocument.number(defaults.heldOutFraction),
                ],
                "success_ratio": OpenAPIDocument.number(
                    in: TrainingRequestLimits.successRatio, default: defaults.successRatio),
                "min_gain": ["type": "number", "default": OpenAPIDocument.number(defaults.minGain)],
                "guardrail_successes": OpenAPIDocument.integer(
                    in: TrainingRequestLimits.guardrailSuccesses, default: defaults.guardrailSuccesses,
                    description:
                        "Logged successes of the base prompt beyond the training and held-out ones that the gate answers under both prompts, for the guardrails alone, when the gain clears min_gain (two model calls each)"
                ),
                "held_out_answers": OpenAPIDocument.integer(
                    in: TrainingRequestLimits.heldOutAnswers,
                    description:
                        "Answers each prompt gives to each held-out experience (two model calls each); the gate compares each experience's mean, so more answers narrow its interval by the sampling noise. The service's default is 1 with the simulator and 3 with a model endpoint"
                ),
                "evolve": [
                    "type": "boolean", "default": false,
                    "description":
                        "Let candidates evolve during training from the failures the best variant still shows (policy allocation only)",
                ],
                "allocation": [
                    "type": "string", "enum": .array(AllocationRule.allCases.map { .string($0.rawValue) }),
                    "description": .string(
                        "Which variants training samples: policy (GRPO's policy for the whole budget) or successive_halving (clearly worse choices stop being sampled; the run stops when one variant is left). Default \(defaults.allocation.rawValue), or policy when the job evolves; successive_halving with evolve is refused"
                    ),
                ],
                "max_evolved_candidates": OpenAPIDocument.integer(
                    in: TrainingRequestLimits.evolvedCandidates, default: defaults.maxEvolvedCandidates,
                    description: "The most candidates evolution may add to the job"),
                "evolve_mode": [
                    "type": "string", "enum": ["template", "llm"], "default": "template",
                    "description":
                        "With evolve: template (the rule the failures point to) or llm (the model endpoint reflects on the best variant's failing answers; refused when the trainer runs the simulator)",
                ],
            ],
        ],
        "TrainingJob": [
            "type": "object",
            "required": ["job_id", "state", "created_at", "updated_at", "request"],
            "properties": [
                "job_id": ["type": "string"],
                "state": [
                    "type": "string", "enum": ["queued", "running", "completed", "failed", "cancelled", "interrupted"],
                ],
                "created_at": ["type": "string", "format": "date-time"],
                "updated_at": ["type": "string", "format": "date-time"],
                "request": OpenAPIDocument.ref("TrainingRequest"),
                "progress": [
                    "type": ["object", "null"],
                    "description":
                        "phase, step, steps, rollouts, tokens, curve; once loaded, planned_rollouts (training and the held-out gate) and guardrail_rollouts (the gate's extra calls if the gain passes)",
                ],
                "result": [
                    "type": ["object", "null"],
                    "description":
                        "outcome (written | no_significant_improvement | no_patch_chosen | blocked_by_guardrail | too_little_data | already_written), message, patch_ids, prompt_id, evaluation (with guardrails), training, answered_by, and evolution (candidates made with their parents and evidence, refused ones, pareto_pool) when the job evolved",
                ],
                "error": ["type": ["string", "null"]],
            ],
        ],
        "PromptVersion": [
            "type": "object",
            "required": ["prompt_id", "version", "source", "text", "metadata"],
            "properties": [
                "prompt_id": ["type": "string"], "version": ["type": "integer"], "source": ["type": "string"],
                "text": ["type": "string"],
                "metadata": [
                    "type": "object", "required": ["created_at", "reward_gain", "cluster_id"],
                    "properties": [
                        "created_at": ["type": "string", "format": "date-time"],
                        "reward_gain": ["type": ["number", "null"]],
                        "cluster_id": ["type": ["string", "null"]],
                    ],
                ],
            ],
        ],
    ]
}
