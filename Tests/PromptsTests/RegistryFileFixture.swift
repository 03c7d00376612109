/// A version file exactly as `kaizen demo --fresh --seed 7` wrote it (`p_v1_2.json`) before provenance was typed:
/// the compatibility fixture for reading and re-rendering registry files.
enum RegistryFileFixture {
    static let trainedVersion = """
        {
          "prompt_id": "p_v1_2",
          "version": 2,
          "source": "rl_trainer",
          "text": "SYSTEM: You are the customer assistant for Cairn & Crest, an outdoor gear retailer. Answer the customer's question about our products, membership plans and stores. Keep a warm and friendly tone. Stick to the context. Do not make up facts it does not state, even when they seem likely. Be concise but answer every part of the question: cover each part in a sentence or two, with no padding.",
          "metadata": {
            "created_at": "2026-12-02T21:55:04Z",
            "reward_gain": 0.114967,
            "cluster_id": "cluster_1",
            "baseline_reward": 0.68458,
            "failed_generations": 0,
            "guardrails": {
              "format": {
                "after": 0.021739,
                "before": 0.021739,
                "blocked": false,
                "difference_ci95": [
                  0.0,
                  0.0
                ],
                "tolerance": 0.02
              },
              "hallucination": {
                "after": 0.152174,
                "before": 0.326087,
                "blocked": false,
                "difference_ci95": [
                  -0.326087,
                  -0.021739
                ],
                "tolerance": 0.02
              },
              "incomplete": {
                "after": 0.043478,
                "before": 0.108696,
                "blocked": false,
                "difference_ci95": [
                  -0.152174,
                  0.0
                ],
                "tolerance": 0.02
              },
              "mean_words": {
                "after": 17.065217,
                "before": 45.456522,
                "blocked": false,
                "difference_ci95": [
                  -55.696196,
                  -7.5
                ],
                "tolerance": 11.36413
              },
              "missed_abstention": {
                "after": 0.065217,
                "before": 0.108696,
                "blocked": false,
                "difference_ci95": [
                  -0.108696,
                  0.0
                ],
                "tolerance": 0.02
              },
              "refusal": {
                "after": 0.043478,
                "before": 0.0,
                "blocked": false,
                "difference_ci95": [
                  0.0,
                  0.108696
                ],
                "tolerance": 0.02
              },
              "unanswered": {
                "after": 0.043478,
                "before": 0.065217,
                "blocked": false,
                "difference_ci95": [
                  -0.065217,
                  0.0
                ],
                "tolerance": 0.02
              }
            },
            "hallucination_rate": {
              "after": 0.152174,
              "before": 0.326087
            },
            "held_out": 46,
            "job_id": "job-556d7d4bc8be685c",
            "model": "kaizen-simulator",
            "parent_id": "p_v1_1",
            "patch_ids": {
              "cluster_1": "cluster_1-grounding_rule",
              "cluster_3": "cluster_3-balanced_length"
            },
            "reward": 0.799548,
            "reward_gain_ci95": [
              0.037173,
              0.197779
            ],
            "rollouts": 2012,
            "seed": 8,
            "served_models": [
              "kaizen-simulator"
            ],
            "simulated": true,
            "stop_reason": "completed",
            "tokens": 217567,
            "verifier": "kaizen-verifier/2"
          }
        }

        """
}
