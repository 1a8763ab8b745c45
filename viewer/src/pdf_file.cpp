#include "detail/pdf_file.hpp"

#include "needmap/geo/error.hpp"
#include "needmap/geo/temp_files.hpp"

#include <fmt/format.h>

namespace needmap::viewer::detail {

void write_pdf(const std::filesystem::path& path, QPageSize::PageSizeId paper, QPageLayout::Orientation orientation,
               const QString& title, const std::function<void(QPdfWriter& writer, QPainter& painter)>& draw, int dpi) {
    geo::remove_stale_temps(path);
    const std::filesystem::path temp = geo::temp_path_for(path, ".pdf");
    const geo::TempRegistration on_signal(temp);
    struct Remove {  // the temporary file goes whatever happens
        const std::filesystem::path& path;
        ~Remove() {
            std::error_code ignored;
            std::filesystem::remove(path, ignored);
        }
    } remove_temp{temp};
    {
        QPdfWriter writer(QString::fromStdString(temp.string()));
        writer.setPageSize(QPageSize(paper));
        writer.setPageOrientation(orientation);
        writer.setResolution(dpi);
        writer.setTitle(title);
        writer.setCreator("needmap");
        QPainter painter(&writer);
        if (!painter.isActive()) throw geo::InputError(fmt::format("{}: cannot be written", path.string()));
        painter.setRenderHint(QPainter::Antialiasing, true);
        draw(writer, painter);
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) throw geo::InputError(fmt::format("{}: cannot be written ({})", path.string(), ec.message()));
}

}  // namespace needmap::viewer::detail
