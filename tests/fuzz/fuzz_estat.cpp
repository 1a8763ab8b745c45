// e-Stat tables (mesh statistics and census small areas): two header rows, KEY_CODE, suppression
// marks, CP932.
#include "fuzz_support.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/estat.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    try {
        geo::EstatTable table = geo::parse_estat_table(std::string(fuzz::as_text(data, size)), "fuzz.csv");
        for (const auto& row : table.rows) {
            if (row.values.size() != table.columns.size()) __builtin_trap();
            if (table.find(row.key_code) == nullptr) __builtin_trap();
        }
        if (!table.columns.empty()) (void)table.column(table.columns.front().label);
    } catch (const geo::InputError&) {
    }
    return 0;
}
