-- The approvals tab lists the grade changes requested (the field
-- grade_requested) beside the cases awaiting approval by status.
CREATE INDEX cases_grade_requested ON cases (json_extract(fields, '$.grade_requested'))
    WHERE json_extract(fields, '$.grade_requested') IS NOT NULL;
