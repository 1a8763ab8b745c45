// Decay functions, E2SFCA and the inequality indices against values worked by hand (below each
// case) or by brute force in the test.

#include "needmap/analysis/measures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

using namespace needmap::analysis::measures;
using Catch::Detail::Approx;

TEST_CASE("decay functions: 1 near, falling with time, 0 beyond the cutoff", "[measures]") {
    const Decay step{DecayKind::Step, 30};
    CHECK(step.weight(0) == 1);
    CHECK(step.weight(30) == 1);
    CHECK(step.weight(30.01) == 0);
    CHECK(step.weight(std::nan("")) == 0);
    CHECK(Decay{DecayKind::Linear, 30}.weight(15) == Approx(0.5));
    CHECK(Decay{DecayKind::Linear, 30}.weight(30) == Approx(0));
    CHECK(Decay{DecayKind::Exponential, 60, 0.1}.weight(10) == Approx(std::exp(-1.0)));
    // Logistic: one half at the median; sd 5 min puts 1/(1 + e^(pi/sqrt 3)) one sd later.
    const Decay logistic{DecayKind::Logistic, 30, 5};
    CHECK(logistic.weight(15) == Approx(0.5));
    CHECK(logistic.weight(20) == Approx(1 / (1 + std::exp(3.14159265358979 / std::sqrt(3.0)))));
    CHECK(Decay{DecayKind::Gaussian, 30, 10}.weight(10) == Approx(std::exp(-0.5)));
    for (const auto kind : {DecayKind::Step, DecayKind::Linear, DecayKind::Exponential, DecayKind::Logistic,
                            DecayKind::Gaussian})
        CHECK(Decay{kind, 30, 10}.weight(31) == 0);
    CHECK(parse_decay("gaussian") == DecayKind::Gaussian);
    CHECK_THROWS_WITH(parse_decay("cubic"), Catch::Contains("give step, linear, exponential, logistic or gaussian"));
}

TEST_CASE("E2SFCA on a three-point example worked by hand; the step decay gives the plain 2SFCA", "[measures]") {
    // Points of 100, 200 and 300 older people; sites of 10 and 20 places. Minutes: p0-s0 5, p1-s0
    // 15, p1-s1 10, p2-s1 25. Linear decay to 0 at 30 min: weights 5/6, 1/2, 2/3, 1/6.
    const std::vector<Reach> pairs{{0, 0, 5}, {1, 0, 15}, {1, 1, 10}, {2, 1, 25}};
    const std::vector<double> supply{10, 20};
    const std::vector<double> people{100, 200, 300};
    // Site demand: s0 100*5/6 + 200/2 = 550/3, s1 200*2/3 + 300/6 = 550/3. Ratios 10*3/550 and
    // 20*3/550; access p0 (3/55)(5/6) = 1/22, p1 (3/55)/2 + (6/55)(2/3) = 1/10, p2 (6/55)/6 = 1/55.
    const auto a = e2sfca(pairs, supply, people, Decay{DecayKind::Linear, 30});
    REQUIRE(a.size() == 3);
    CHECK(a[0] == Approx(1.0 / 22));
    CHECK(a[1] == Approx(0.1));
    CHECK(a[2] == Approx(1.0 / 55));
    // Every place is handed out once: the people times their access add up to the supply.
    CHECK(100 * a[0] + 200 * a[1] + 300 * a[2] == Approx(30));
    // Step at 30 min: s0 reaches 300 people, s1 500; p0 10/300, p1 10/300 + 20/500, p2 20/500.
    const auto plain = e2sfca(pairs, supply, people, Decay{DecayKind::Step, 30});
    CHECK(plain[0] == Approx(1.0 / 30));
    CHECK(plain[1] == Approx(1.0 / 30 + 0.04));
    CHECK(plain[2] == Approx(0.04));
    // Cumulative opportunities within 15 min: p0 10, p1 30, p2 0.
    const auto within15 = gravity(pairs, supply, 3, Decay{DecayKind::Step, 15});
    CHECK(within15 == std::vector<double>{10, 30, 0});
}

TEST_CASE("Gini: textbook values, weights as repetition, and brute force", "[measures]") {
    const std::vector<double> ones(5, 1.0);
    CHECK(gini(std::vector<double>{1, 2, 3, 4, 5}, ones) == Approx(4.0 / 15));  // (n+1-2 sum((n+1-i)y_i)/sum y)/n
    CHECK(gini(std::vector<double>{7, 7, 7}, std::vector<double>{1, 2, 3}) == Approx(0).margin(1e-12));
    CHECK(gini(std::vector<double>{0, 0, 0, 10}, std::vector<double>(4, 1.0)) == Approx(0.75));  // (n-1)/n
    CHECK(gini(std::vector<double>{1, 3}, std::vector<double>{2, 1}) ==
          Approx(gini(std::vector<double>{1, 1, 3}, std::vector<double>(3, 1.0))));
    CHECK(std::isnan(gini(std::vector<double>{0, 0}, std::vector<double>{1, 1})));
    std::mt19937 random(7);
    std::uniform_real_distribution<double> value(0, 90);
    std::uniform_real_distribution<double> weight(0, 50);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<double> x(40);
        std::vector<double> w(40);
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = std::round(value(random));  // ties too
            w[i] = weight(random);
        }
        double pairs = 0;
        double total = 0;
        double mass = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            total += w[i];
            mass += w[i] * x[i];
            for (std::size_t j = 0; j < x.size(); ++j) pairs += w[i] * w[j] * std::abs(x[i] - x[j]);
        }
        CHECK(gini(x, w) == Approx(pairs / (2 * total * total * (mass / total))));
    }
}

TEST_CASE("Palma ratio: even spread, a skewed town, and a person split at the boundary", "[measures]") {
    // 1..10 minutes, one person each: the top 10% bear 10, the bottom 40% 1+2+3+4 = 10.
    CHECK(palma(std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, std::vector<double>(10, 1.0)) == Approx(1.0));
    // 18 people at 10 min, 2 at 60: top 10% (2 people) bear 120, bottom 40% (8) bear 80.
    CHECK(palma(std::vector<double>{10, 60}, std::vector<double>{18, 2}) == Approx(1.5));
    // Five people: the bottom 40% are two (1 + 2 = 3), the top 10% half of the last (10 / 2 = 5).
    CHECK(palma(std::vector<double>{4, 10, 2, 3, 1}, std::vector<double>(5, 1.0)) == Approx(5.0 / 3));
}

TEST_CASE("Foster-Greer-Thorbecke on the time beyond 30 minutes, worked by hand", "[measures]") {
    // 20 min (1 person), 40 min (1), 60 min (2): beyond 30 are 3 of 4; excesses 1/3 and 1.
    const std::vector<double> x{20, 40, 60};
    const std::vector<double> w{1, 1, 2};
    CHECK(fgt(x, w, 30, 0) == Approx(0.75));
    CHECK(fgt(x, w, 30, 1) == Approx((1.0 / 3 + 2 * 1.0) / 4));
    CHECK(fgt(x, w, 30, 2) == Approx((1.0 / 9 + 2 * 1.0) / 4));
    CHECK(fgt(std::vector<double>{30}, std::vector<double>{5}, 30, 0) == 0);  // at the threshold is within
}
