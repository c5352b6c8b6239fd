"""Contains all the data models used in inputs/outputs"""

from .async_job_response import AsyncJobResponse
from .check_sql_request import CheckSqlRequest
from .check_sql_response import CheckSqlResponse
from .column_schema import ColumnSchema
from .create_sql_job_request import CreateSqlJobRequest
from .create_sql_job_response import CreateSqlJobResponse
from .dli_error import DliError
from .engine_type import EngineType
from .export_sql_job_result_request import ExportSqlJobResultRequest
from .export_sql_job_result_request_compress import ExportSqlJobResultRequestCompress
from .export_sql_job_result_request_data_type import ExportSqlJobResultRequestDataType
from .export_sql_job_result_request_encoding_type import (
    ExportSqlJobResultRequestEncodingType,
)
from .export_sql_job_result_request_export_mode import (
    ExportSqlJobResultRequestExportMode,
)
from .export_table_request import ExportTableRequest
from .export_table_request_compress import ExportTableRequestCompress
from .export_table_request_data_type import ExportTableRequestDataType
from .export_table_request_export_mode import ExportTableRequestExportMode
from .gateway_error import GatewayError
from .import_table_request import ImportTableRequest
from .import_table_request_data_type import ImportTableRequestDataType
from .import_table_request_partition_spec_type_0 import (
    ImportTableRequestPartitionSpecType0,
)
from .job_mode import JobMode
from .job_status import JobStatus
from .job_tag import JobTag
from .job_type import JobType
from .job_type_filter import JobTypeFilter
from .list_sql_jobs_order import ListSqlJobsOrder
from .list_sql_jobs_response import ListSqlJobsResponse
from .preview_sql_job_result_response import PreviewSqlJobResultResponse
from .show_sql_job_detail_response import ShowSqlJobDetailResponse
from .show_sql_job_progress_response import ShowSqlJobProgressResponse
from .show_sql_job_status_response import ShowSqlJobStatusResponse
from .sql_job import SqlJob
from .sub_job import SubJob
from .sub_job_killed_tasks_summary import SubJobKilledTasksSummary
from .success_envelope import SuccessEnvelope
from .tag import Tag

__all__ = (
    "AsyncJobResponse",
    "CheckSqlRequest",
    "CheckSqlResponse",
    "ColumnSchema",
    "CreateSqlJobRequest",
    "CreateSqlJobResponse",
    "DliError",
    "EngineType",
    "ExportSqlJobResultRequest",
    "ExportSqlJobResultRequestCompress",
    "ExportSqlJobResultRequestDataType",
    "ExportSqlJobResultRequestEncodingType",
    "ExportSqlJobResultRequestExportMode",
    "ExportTableRequest",
    "ExportTableRequestCompress",
    "ExportTableRequestDataType",
    "ExportTableRequestExportMode",
    "GatewayError",
    "ImportTableRequest",
    "ImportTableRequestDataType",
    "ImportTableRequestPartitionSpecType0",
    "JobMode",
    "JobStatus",
    "JobTag",
    "JobType",
    "JobTypeFilter",
    "ListSqlJobsOrder",
    "ListSqlJobsResponse",
    "PreviewSqlJobResultResponse",
    "ShowSqlJobDetailResponse",
    "ShowSqlJobProgressResponse",
    "ShowSqlJobStatusResponse",
    "SqlJob",
    "SubJob",
    "SubJobKilledTasksSummary",
    "SuccessEnvelope",
    "Tag",
)
