#include "needmap/analysis/pipeline/run.hpp"

#include <chrono>

namespace needmap::analysis::pipeline {

Results run_project(const Project& project, const std::filesystem::path& output, Feedback& feedback) {
    const Model model = load_inputs(project, feedback);
    feedback.stage("access and new sites");
    Results results = compute(model, Scenario{}, feedback);
    feedback.done("");
    feedback.stage("writing " + output.filename().string());
    const auto start = std::chrono::steady_clock::now();
    write_results(results, output);
    feedback.done("");
    results.info.timings.emplace_back("write",
                                      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return results;
}

}  // namespace needmap::analysis::pipeline
