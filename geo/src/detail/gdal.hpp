#pragma once

// RAII over GDAL/OGR. Internal to needmap_geo.

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace needmap::geo::detail {

/// Registers GDAL's drivers once per process.
void ensure_gdal_registered();

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;

/// Silences GDAL's own printing while alive; errors are collected and read with last_message().
class QuietErrors {
public:
    QuietErrors() {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietErrors() { CPLPopErrorHandler(); }
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;
    [[nodiscard]] static std::string last_message() {
        const char* msg = CPLGetLastErrorMsg();
        return (msg != nullptr && *msg != '\0') ? std::string(msg) : std::string("no detail from GDAL");
    }
};

}  // namespace needmap::geo::detail
