#include "detail/gtfs_file.hpp"

#include "needmap/geo/error.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace needmap::analysis::transit {

void Problems::add(std::string message) {
    ++count;
    if (first.size() < kKeptMessages) first.push_back(std::move(message));
}

const FileReport* LoadReport::file(std::string_view name) const {
    for (const auto& f : files)
        if (f.file == name) return &f;
    return nullptr;
}

std::size_t LoadReport::skipped_rows() const {
    std::size_t n = 0;
    for (const auto& f : files) n += f.skipped.count;
    return n;
}

namespace detail {

std::string LoadContext::where() const {
    return fmt::format("{} (feed \"{}\")", files.label(), feed.name);
}

ServiceIndex LoadContext::service(std::string_view id) {
    if (const auto i = find_id(service_index, id)) return ServiceIndex(*i);
    const auto i = static_cast<std::uint32_t>(feed.services.size());
    feed.services.emplace_back(id);
    service_index.emplace(std::string(id), i);
    return ServiceIndex(i);
}

std::optional<GtfsFile> GtfsFile::open(LoadContext& context, std::string_view name, bool required) {
    std::optional<std::string> bytes = context.files.read_if_present(name);
    if (!bytes) {
        if (required)
            throw geo::InputError(fmt::format("{}: has no {}, which every GTFS feed needs", context.where(), name));
        return std::nullopt;
    }
    GtfsFile file(context, std::string(name), std::move(*bytes));
    if (file.m_header.empty()) {
        if (required)
            throw geo::InputError(
                fmt::format("{}: {} is empty; expected a header row and data rows", context.where(), name));
        context.feed.report.files[file.m_report].repaired.add(fmt::format("{} is empty; read as no rows", name));
        return std::nullopt;
    }
    return file;
}

GtfsFile::GtfsFile(LoadContext& context, std::string name, std::string bytes)
    : m_context(&context),
      m_name(std::move(name)),
      m_report(context.feed.report.files.size()),
      m_reader(std::move(bytes), context.files.label() + "/" + m_name) {
    FileReport report;
    report.file = m_name;
    report.encoding = m_reader.encoding_note();
    context.feed.report.files.push_back(std::move(report));
    if (m_reader.next(m_fields))
        for (const auto f : m_fields) m_header.emplace_back(geo::trim(f));
    m_fields.clear();
}

std::size_t GtfsFile::column(std::string_view name) const {
    for (std::size_t i = 0; i < m_header.size(); ++i)
        if (m_header[i] == name) return i;
    return kAbsent;
}

std::size_t GtfsFile::require(std::string_view name) const {
    const std::size_t i = column(name);
    if (i != kAbsent) return i;
    std::string present;
    for (const auto& h : m_header) present += (present.empty() ? "" : ", ") + h;
    throw geo::InputError(
        fmt::format("{}: {} has no column \"{}\" (its columns are: {})", m_context->where(), m_name, name, present));
}

bool GtfsFile::next() {
    if (!m_reader.next(m_fields)) return false;
    ++m_context->feed.report.files[m_report].rows;
    return true;
}

std::string GtfsFile::here() const {
    return fmt::format("{} line {}", m_name, line());
}

void GtfsFile::skip(const std::string& what) {
    m_context->feed.report.files[m_report].skipped.add(fmt::format("{}: {}", here(), what));
}

void GtfsFile::repair(const std::string& what) {
    m_context->feed.report.files[m_report].repaired.add(fmt::format("{}: {}", here(), what));
}

std::optional<std::uint32_t> parse_uint(std::string_view text) {
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

std::optional<double> parse_double(std::string_view text) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(value))
        return std::nullopt;
    return value;
}

}  // namespace detail
}  // namespace needmap::analysis::transit
