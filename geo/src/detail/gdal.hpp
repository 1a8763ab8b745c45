#pragma once

// RAII over GDAL/OGR. Internal to needmap_geo.

#include "needmap/geo/layer.hpp"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace needmap::geo::detail {

/// Registers GDAL's drivers once per process.
void ensure_gdal_registered();

/// The OGR field type that holds a needmap field type.
inline OGRFieldType ogr_field_type(FieldType type) {
    return type == FieldType::Integer ? OFTInteger64 : type == FieldType::Real ? OFTReal : OFTString;
}

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
