// CSV as every table reader sees it: encoding detection (BOM, UTF-8, CP932), RFC 4180 records,
// the header and padded rows.
#include "fuzz_support.hpp"

#include "needmap/geo/csv.hpp"
#include "needmap/geo/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace needmap;
    try {
        geo::CsvReader reader(std::string(fuzz::as_text(data, size)), "fuzz.csv");
        geo::CsvTable table = geo::read_csv_table(reader);
        for (const auto& row : table.rows)
            if (row.size() != table.header.size()) __builtin_trap();  // rows are padded or cut
        if (!table.header.empty()) (void)table.column(table.header.front());
    } catch (const geo::InputError&) {
    }
    return 0;
}
