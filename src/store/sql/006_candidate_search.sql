-- The Candidates screen searches 200k rows as staff type. Names, ID numbers and phones are
-- matched from their start through the indexes of 002; staff also type the last four digits
-- they see in a masked number (138****5678, 1101**********002X), which these two make an index
-- lookup instead of a scan.
CREATE INDEX candidate_id_tail ON candidate (substr(id_number, -4));
CREATE INDEX candidate_phone_tail ON candidate (substr(phone, -4));
