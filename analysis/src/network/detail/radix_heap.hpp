#pragma once

// A radix heap for Dijkstra: integer keys that never go below the last key popped.
// Pushing and popping cost O(1) amortised plus one pass over a bucket per distinct top bit,
// which beats a binary heap on the walking network by a wide margin.

#include <bit>
#include <cassert>
#include <cstdint>
#include <utility>
#include <vector>

namespace needmap::analysis::network::detail {

class RadixHeap {
public:
    using Entry = std::pair<std::uint32_t, std::uint32_t>;  ///< key, value

    [[nodiscard]] bool empty() const { return m_size == 0; }
    void clear() {
        for (auto& b : m_buckets) b.clear();
        m_size = 0;
        m_last = 0;
    }
    /// Precondition: key >= the last key popped.
    void push(std::uint32_t key, std::uint32_t value) {
        assert(key >= m_last);
        m_buckets[bucket(key)].emplace_back(key, value);
        ++m_size;
    }
    /// Removes and returns an entry with the smallest key. Precondition: !empty().
    Entry pop() {
        if (m_buckets[0].empty()) {
            std::size_t i = 1;
            while (m_buckets[i].empty()) ++i;
            std::uint32_t smallest = UINT32_MAX;
            for (const Entry& e : m_buckets[i]) smallest = std::min(smallest, e.first);
            m_last = smallest;
            for (const Entry& e : m_buckets[i]) m_buckets[bucket(e.first)].push_back(e);
            m_buckets[i].clear();
        }
        const Entry e = m_buckets[0].back();
        m_buckets[0].pop_back();
        --m_size;
        return e;
    }

private:
    [[nodiscard]] std::size_t bucket(std::uint32_t key) const {
        return key == m_last ? 0 : 32 - static_cast<std::size_t>(std::countl_zero(key ^ m_last));
    }
    std::vector<Entry> m_buckets[33];
    std::size_t m_size = 0;
    std::uint32_t m_last = 0;
};

}  // namespace needmap::analysis::network::detail
