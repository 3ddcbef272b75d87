"""The words the generated pages and handbooks put around the data, per language.

They follow the project glossary (lead agency, coordinating agencies,
annually...). Kept here rather than in gettext catalogues because they belong
to the generator, are few, and must be the same in the site and the handbooks.
"""

from __future__ import annotations

import datetime
import functools

from babel import Locale
from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

from ..project import LANGUAGES  # noqa: F401 - the languages, as the string table knows them

_LABELS: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # page titles and headings
    "duty_title": ("Nhiệm vụ {number}", "Duty {number}"),
    "section_title": ("Mục {letter}", "Section {letter}"),
    "plan_title": ("Toàn bộ Kế hoạch", "The whole plan"),
    "agencies_title": ("Cơ quan thực hiện", "Agencies"),
    "topics_title": ("Chủ đề", "Topics"),
    "schedule_title": ("Lịch thời hạn", "Schedule of deadlines"),
    "legal_title": ("Văn bản được viện dẫn", "Legal documents"),
    "task": ("Nhiệm vụ và giải pháp cụ thể", "Task"),
    "lead": ("Cơ quan chủ trì", "Lead agency"),
    "coordination": ("Cơ quan phối hợp", "Coordinating agencies"),
    "results": ("Kết quả dự kiến", "Expected results"),
    "deadline": ("Thời hạn hoàn thành", "Deadline"),
    "topics": ("Chủ đề", "Topics"),
    "legal_documents": ("Văn bản được viện dẫn", "Legal documents cited"),
    "notes": ("Ghi chú về văn bản gốc", "Notes on the source text"),
    "as_printed": ("Nguyên văn trong Kế hoạch", "As printed in the plan"),
    "in_section": ("Thuộc", "Part of"),
    "previous": ("Nhiệm vụ trước", "Previous duty"),
    "next": ("Nhiệm vụ sau", "Next duty"),
    "duty": ("Nhiệm vụ", "Duty"),
    "duties": ("Nhiệm vụ", "Duties"),
    "number": ("Số", "No."),
    "none": ("Không có", "None"),
    "leads": ("Chủ trì", "Leads"),
    "coordinates": ("Phối hợp", "Coordinates"),
    "requested": ("Được đề nghị phối hợp", "Requested to coordinate"),
    "within_competence_role": ("Thực hiện theo thẩm quyền", "Acts within its competence"),
    "kind": ("Loại cơ quan", "Kind of agency"),
    "short_name": ("Tên viết tắt", "Short name"),
    "no_duties": ("Không có nhiệm vụ nào.", "No duties."),
    "cited_by": ("Được viện dẫn tại", "Cited by"),
    "issuer": ("Cơ quan ban hành", "Issued by"),
    "date": ("Ngày ban hành", "Date"),
    "doc_number": ("Số hiệu", "Number"),
    "subject": ("Nội dung (theo Kế hoạch)", "Subject (as the plan states it)"),
    "untranslated": ("chưa dịch", "not yet translated"),
    "outdated": ("bản dịch có thể chưa cập nhật", "translation may be out of date"),
    "deadline_in_words": ("Theo văn bản", "In words"),
    "deadline_structured": ("Diễn giải", "Meaning"),
    "deadline_readings": ("Các cách hiểu", "Possible readings"),
    "deadline_ambiguous": (
        "Câu chữ của thời hạn này có thể hiểu theo nhiều cách; dưới đây là từng cách hiểu, không chọn cách nào:",
        "The wording of this deadline can be read in more than one way; each reading is given below, none is chosen:",
    ),
    "description": ("Mô tả", "Description"),
    "sections": ("Các mục của Kế hoạch", "Sections of the plan"),
    "featured": ("Trọng tâm: tuyên truyền, phổ biến, giáo dục", "Focus: public awareness"),
    "other_sections": ("Các mục khác của Kế hoạch", "The rest of the plan"),
    "group": ("Nhóm", "Group"),
    "duty_count": ("{count} nhiệm vụ", {"one": "{count} duty", "other": "{count} duties"}),
    "open_data_title": ("Dữ liệu mở", "Open data"),
    "open_data_intro": (
        "Toàn bộ Kế hoạch dưới dạng dữ liệu, để tải về và dùng lại. Tệp CSV mở được bằng Excel; tệp lịch (iCalendar) nhập được vào lịch điện tử.",
        "The whole plan as data, to download and reuse. The CSV files open in Excel; the calendar files (iCalendar) import into calendar apps.",
    ),
    "file_duties_csv": ("Các nhiệm vụ (CSV)", "Duties (CSV)"),
    "file_agencies_csv": ("Các cơ quan (CSV)", "Agencies (CSV)"),
    "file_topics_csv": ("Các chủ đề (CSV)", "Topics (CSV)"),
    "file_activities_csv": ("Các hoạt động đã thực hiện (CSV)", "Activities carried out (CSV)"),
    "file_plan_json": ("Toàn bộ Kế hoạch (JSON)", "The whole plan (JSON)"),
    "file_plan_ics": ("Lịch thời hạn của Kế hoạch (iCalendar)", "Calendar of the plan's deadlines (iCalendar)"),
    "agency_calendars": ("Lịch thời hạn theo cơ quan", "Deadlines calendar per agency"),
    "calendar_of": ("Lịch thời hạn của cơ quan (iCalendar)", "This agency's deadlines (iCalendar)"),
    "undated_note": (
        "{count} nhiệm vụ có thời hạn không gắn với ngày hay năm (khi có yêu cầu, theo quyết định, trước một sự kiện) nên không có trong lịch.",
        {
            "one": "{count} duty has a deadline with no date or year (on request, as set by a decision, before an event) and is not in the calendars.",
            "other": "{count} duties have a deadline with no date or year (on request, as set by a decision, before an event) and are not in the calendars.",
        },
    ),
    "translation_title": ("Tình trạng bản dịch", "Translation status"),
    "translation_data": ("Nội dung Kế hoạch", "The plan's texts"),
    "translation_pages": ("Các trang giới thiệu", "Introductory pages"),
    "translated_of": ("{done} trên {total} đã dịch", "{done} of {total} translated"),
    "outdated_count": (
        "{count} bản dịch có thể chưa cập nhật",
        {"one": "{count} translation may be out of date", "other": "{count} translations may be out of date"},
    ),
    "page": ("Trang", "Page"),
    "data_file": ("Tệp dữ liệu", "Data file"),
    "progress": ("Tiến độ", "Progress"),
    # error kinds (the maintainers' page): what it means, how to fix it
    "error_kind": ("Loại lỗi", "Kind"),
    "error_fix": ("Ý nghĩa và cách sửa", "Meaning and fix"),
    "error_yaml-syntax": ("Tệp không đúng cú pháp YAML (thiếu dấu ngoặc, thụt lề sai…). Xem dòng được báo và dòng ngay trước nó.", "The file is not valid YAML (a missing bracket, wrong indentation…). Look at the line given and the one before it."),
    "error_encoding": ("Tệp không lưu ở dạng UTF-8, hoặc có ký tự BOM ở giữa tệp. Lưu lại tệp với mã UTF-8.", "The file is not saved as UTF-8, or has a byte-order mark inside it. Save the file as UTF-8."),
    "error_file-too-large": ("Tệp dữ liệu lớn hơn 5 MB. Kiểm tra xem có dán nhầm nội dung lớn không.", "The data file is over 5 MB. Check for a large paste by mistake."),
    "error_duplicate-key": ("Một trường xuất hiện hai lần trong cùng một mục; trường sau sẽ ghi đè trường trước. Xóa một trong hai.", "A field appears twice in the same entry; the second would replace the first. Remove one."),
    "error_unsafe-yaml": ("Dùng neo (&), bí danh (*) hoặc thẻ (!!) của YAML. Viết đầy đủ giá trị thay vì dùng chúng.", "A YAML anchor (&), alias (*) or tag (!!). Write the value out in full instead."),
    "error_missing-field": ("Thiếu một trường bắt buộc, hoặc văn bản tiếng Việt để trống.", "A required field is missing, or a Vietnamese text is empty."),
    "error_unknown-field": ("Tên trường không có trong mẫu (thường do gõ sai). Đối chiếu với các ví dụ ở trên.", "A field the format does not know (often a typo). Compare with the examples above."),
    "error_bad-value": ("Giá trị không hợp lệ: sai loại, không thuộc danh sách cho phép, hoặc mã (id) có chữ hoa, dấu hay khoảng trắng.", "A value of the wrong kind, not in the allowed list, or an id with capitals, accents or spaces."),
    "error_bad-deadline": ("Các trường của thời hạn không khớp với loại thời hạn (ví dụ year_range cần start và end).", "The deadline's fields do not fit its kind (for example year_range needs start and end)."),
    "error_duplicate-id": ("Một mã (id) hoặc số nhiệm vụ được dùng hai lần. Mỗi mã chỉ dùng một lần.", "An id or duty number is used twice. Each must be unique."),
    "error_unknown-reference": ("Nhắc đến cơ quan, chủ đề, văn bản hay mục không có trong danh sách. Thông báo gợi ý mã gần đúng nhất.", "A reference to an agency, topic, document or section that does not exist. The message suggests the closest id."),
    "error_bad-number": ("Số nhiệm vụ không thuộc mục, hoặc nằm dưới một nhóm chưa khai báo trong groups.", "A duty number outside its section, or under a group not listed in groups."),
    "error_invisible-character": ("Văn bản có ký tự vô hình (khoảng trắng độ rộng 0, ký tự đảo chiều…), thường do dán từ nơi khác. Gõ lại đoạn đó.", "A text holds an invisible character (zero-width space, direction override…), usually from a paste. Retype that passage."),
    "error_unused": ("Cảnh báo: một cơ quan, chủ đề hay văn bản không được nhiệm vụ nào dùng. Không chặn việc dựng trang.", "A warning: an agency, topic or document no duty uses. It does not stop the build."),
    "agency_booklet": ("Sổ tay của cơ quan này (PDF, để in)", "This agency's booklet (PDF, for printing)"),
    "topic_booklet": ("Sổ tay của chủ đề này (PDF, để in)", "This topic's booklet (PDF, for printing)"),
    "handbooks": ("Sổ tay để in", "Handbooks to print"),
    "handbook_vi": ("Sổ tay đầy đủ, tiếng Việt (PDF)", "Full handbook, Vietnamese (PDF)"),
    "handbook_en": ("Sổ tay đầy đủ, tiếng Anh (PDF)", "Full handbook, English (PDF)"),
    "handbook_vi-en": ("Sổ tay song ngữ Việt – Anh (PDF)", "Parallel Vietnamese–English handbook (PDF)"),
    "subpages": ("Hiện hoặc ẩn các trang con", "Show or hide the pages below"),
    "all_subpages": ("… xem cả {count} trang", {"one": "… see the {count} page", "other": "… see all {count} pages"}),
    # lead basis
    "basis_assigned": ("chủ trì", "leads"),
    "basis_within_competence": ("chủ trì thực hiện theo thẩm quyền", "leads within its competence"),
    "basis_within_functions": ("chủ trì theo chức năng, nhiệm vụ được giao", "leads within its assigned functions"),
    # coordination roles
    "role_coordinates": ("phối hợp", "coordinates"),
    "role_requested": ("được đề nghị phối hợp", "is requested to coordinate"),
    "role_within_competence": ("thực hiện theo thẩm quyền", "acts within its competence"),
    "on_lead_proposal": ("theo đề xuất của cơ quan chủ trì", "as proposed by the lead agency"),
    # deadline kinds
    "kind_annual": ("Hàng năm", "Annually"),
    "kind_annual_by_date": ("Hàng năm, trước một ngày cố định", "Annually, before a fixed date"),
    "kind_year_range": ("Trong một khoảng năm", "Within a range of years"),
    "kind_milestones": ("Theo mốc báo cáo", "By report milestones"),
    "kind_on_request": ("Khi có yêu cầu", "On request"),
    "kind_per_decision": ("Theo quyết định", "As set by a decision"),
    "kind_before_event": ("Trước một sự kiện", "Before an event"),
    "kind_per_convention": ("Theo Công ước", "As the Convention sets"),
    "stage_preliminary_report": ("Báo cáo sơ bộ", "Preliminary report"),
    "stage_final_report": ("Báo cáo cuối", "Final report"),
    "years": ("năm {start}–{end}", "{start}–{end}"),
    "year": ("năm {year}", "{year}"),
    "every_year_before": ("hàng năm, trước ngày {day}/{month}", "every year, before {day} {month_name}"),
    "or_as_rescheduled": ("hoặc theo tiến độ được xác định lại", "or as rescheduled"),
    "requested_by": ("khi {agency} yêu cầu", "when requested by the {agency}"),
    "set_by": ("theo {document}", "as set by {document}"),
    "before": ("trước khi {event}", "before {event}"),
    "as_notified_by": ("theo Công ước và thông báo của {agency}", "as the Convention and the {agency} set"),
    # agency kinds
    "agency_department": ("Sở", "Department"),
    "agency_police": ("Công an", "Police"),
    "agency_court": ("Tòa án", "Court"),
    "agency_procuracy": ("Viện kiểm sát", "Procuracy"),
    "agency_military": ("Quân sự", "Military"),
    "agency_border_guard": ("Biên phòng", "Border guard"),
    "agency_ethnic_affairs_committee": ("Cơ quan công tác dân tộc", "Ethnic affairs"),
    "agency_district_committees": ("Ủy ban nhân dân cấp huyện", "District people's committees"),
    "agency_school": ("Trường", "School"),
    "agency_broadcaster": ("Đài phát thanh, truyền hình", "Broadcaster"),
    "agency_mass_organisation": ("Tổ chức chính trị - xã hội", "Mass organisation"),
    "agency_party_commission": ("Cơ quan của Tỉnh ủy", "Party commission"),
    "agency_generic": ("Cách gọi chung", "Collective wording"),
    "agency_ministry": ("Bộ (trung ương)", "Ministry (national)"),
    "agency_government": ("Chính phủ", "Government"),
    "agency_treaty_body": ("Cơ quan của Liên hợp quốc", "United Nations treaty body"),
    "deadline_set_by": ("Thời hạn phụ thuộc cơ quan này", "Deadlines that depend on this body"),
    "documents_issued": ("Văn bản do cơ quan này ban hành", "Documents it issued"),
    # note kinds
    "note_source_typo": ("Lỗi in trong văn bản gốc", "Misprint in the source"),
    "note_source_numbering": ("Đánh số trong văn bản gốc", "Numbering of the source"),
    "note_source_wording": ("Câu chữ của văn bản gốc", "Wording of the source"),
    "note_source_layout": ("Trình bày của văn bản gốc", "Layout of the source"),
    "printed": ("in là", "printed"),
    "presumed": ("có lẽ là", "presumably"),
    # implementation tracking
    "progress_title": ("Tiến độ thực hiện", "Implementation progress"),
    "methodology_title": ("Cách theo dõi tiến độ", "How progress is tracked"),
    "activities_title": ("Hoạt động đã thực hiện", "Activities carried out"),
    "activities_in_year": ("Hoạt động năm {year}", "Activities in {year}"),
    "reports_title": ("Báo cáo kết quả thực hiện hằng năm", "Annual implementation reports"),
    "report_title": ("Báo cáo kết quả thực hiện Kế hoạch năm {year}", "Report on implementing the plan in {year}"),
    "agency_report_title": ("Báo cáo năm {year}: {agency}", "Report for {year}: {agency}"),
    "agency_reports": ("Báo cáo của từng cơ quan chủ trì", "Reports of each lead agency"),
    "agency_reports_on_agency_pages": (
        "có trên trang của từng cơ quan, trong danh sách",
        "on each agency's page, listed in",
    ),
    "report_for_year": ("Năm {year}", "{year}"),
    "as_of": ("Số liệu tính đến ngày {date}.", "Figures as of {date}."),
    "status_taken_at": ("Tình trạng thời hạn tính đến ngày {date}.", "Deadline states as of {date}."),
    "status": ("Tình trạng thực hiện", "Implementation status"),
    "completion_in": ("Mức độ hoàn thành năm {year}", "Completion in {year}"),
    "deadline_state": ("Thời hạn", "Deadline"),
    "completion_not_started": ("Chưa bắt đầu", "Not started"),
    "completion_limited": ("Hạn chế", "Limited"),
    "completion_substantial": ("Đáng kể", "Substantial"),
    "completion_completed": ("Hoàn thành", "Completed"),
    "completion_activity_not_assessed": ("Có hoạt động, chưa được đánh giá", "Activity recorded, not assessed"),
    "completion_no_evidence": ("Chưa ghi nhận kết quả", "No evidence recorded"),
    "state_overdue": ("Quá hạn: chưa ghi nhận hoạt động", "Overdue: no activity recorded"),
    "state_due": ("Đến hạn trong 30 ngày", "Due within 30 days"),
    "state_not_yet_due": ("Chưa đến hạn", "Not yet due"),
    "state_passed": ("Các mốc đã qua đều có hoạt động", "Every reporting date passed with activity"),
    "state_ongoing": ("Không có mốc cố định (không tính quá hạn)", "No fixed reporting date (never overdue)"),
    "next_reporting_date": ("Mốc báo cáo tiếp theo", "Next reporting date"),
    "reporting_date": ("Hạn báo cáo", "Reporting date"),
    "missed_dates": ("Các mốc đã qua chưa có hoạt động", "Reporting dates passed with no activity"),
    "assessment_by": ("Đánh giá của {who}, ngày {date}", "Assessed by {who} on {date}"),
    "activities": ("Hoạt động", "Activities"),
    "no_activities": ("Chưa có hoạt động nào được ghi nhận.", "No activity has been recorded."),
    "activity_kind": ("Loại hoạt động", "Kind"),
    "activity_when": ("Thời gian", "When"),
    "carried_out_by": ("Cơ quan thực hiện", "Carried out by"),
    "implements": ("Thực hiện nhiệm vụ", "Implements"),
    "figures": ("Số liệu", "Figures"),
    "place": ("Địa điểm", "Place"),
    "source": ("Nguồn", "Source"),
    "recorded_on": ("Ngày ghi nhận", "Recorded on"),
    "source_web": ("Trang nguồn", "Source page"),
    "document_of": ("{reference}, {issuer}", "{reference}, {issuer}"),
    "document_dated": ("{reference}, {issuer}, ngày {date}", "{reference}, {issuer}, {date}"),
    "kind_of_activity_conference_or_workshop": ("Hội nghị, hội thảo", "Conference or workshop"),
    "kind_of_activity_training_course": ("Lớp tập huấn, bồi dưỡng", "Training course"),
    "kind_of_activity_publication_or_media": ("Ấn phẩm, tin bài", "Publication or media item"),
    "kind_of_activity_broadcast": ("Phát thanh, truyền hình", "Broadcast"),
    "kind_of_activity_inspection": ("Kiểm tra", "Inspection"),
    "kind_of_activity_report_submitted": ("Báo cáo đã gửi", "Report submitted"),
    "kind_of_activity_legal_document_issued": ("Văn bản đã ban hành", "Legal document issued"),
    "kind_of_activity_other": ("Hoạt động khác", "Other activity"),
    "unit_participants": ("người tham dự", {"one": "participant", "other": "participants"}),
    "unit_sessions": ("phiên, chuyên đề", {"one": "session", "other": "sessions"}),
    "unit_days": ("ngày", {"one": "day", "other": "days"}),
    "unit_courses": ("lớp", {"one": "course", "other": "courses"}),
    "unit_copies": ("bản", {"one": "copy", "other": "copies"}),
    "unit_articles": ("tin, bài", {"one": "article", "other": "articles"}),
    "unit_broadcasts": ("lượt phát sóng", {"one": "broadcast", "other": "broadcasts"}),
    "unit_documents": ("văn bản", {"one": "document", "other": "documents"}),
    "unit_inspections": ("cuộc kiểm tra", {"one": "inspection", "other": "inspections"}),
    "scorecard": ("Tiến độ các nhiệm vụ chủ trì", "Progress of the duties it leads"),
    "duties_led": ("Nhiệm vụ chủ trì", "Duties led"),
    "with_evidence": ("Có hoạt động được ghi nhận", "With activity recorded"),
    "overdue": ("Quá hạn", "Overdue"),
    "by_completion": ("Theo mức độ hoàn thành, năm {year}", "By completion, {year}"),
    "by_section": ("Theo mục của Kế hoạch, năm {year}", "By section of the plan, {year}"),
    "lead_agencies_side_by_side": ("Các cơ quan chủ trì", "Lead agencies side by side"),
    "upcoming": ("Thời hạn trong 90 ngày tới", "Deadlines in the next 90 days"),
    "no_upcoming": ("Không có thời hạn nào trong 90 ngày tới.", "No deadline falls in the next 90 days."),
    "overdue_duties": ("Nhiệm vụ quá hạn (chưa ghi nhận hoạt động)", "Overdue duties (no activity recorded)"),
    "no_overdue": ("Không có nhiệm vụ nào quá hạn.", "No duty is overdue."),
    "no_evidence_duties": ("Nhiệm vụ chưa ghi nhận kết quả", "Duties with no evidence recorded"),
    "chart_title": ("Số nhiệm vụ theo mức độ hoàn thành, năm {year}", "Duties by completion, {year}"),
    "count": ("Số nhiệm vụ", "Duties"),
    "total": ("Tổng", "Total"),
    "totals": ("Tổng hợp", "Totals"),
    "totals_of_section": ("Tổng hợp mục {letter}", "Totals of section {letter}"),
    "total_activities": ("Số hoạt động", "Activities"),
    "people_trained": ("Số lượt người được tập huấn, tham dự hội nghị, hội thảo", "People trained or attending conferences and workshops"),
    "publications": ("Ấn phẩm, tin bài", "Publications and media items"),
    "copies": ("Số bản phát hành", "Copies issued"),
    "broadcasts": ("Lượt phát sóng", "Broadcasts"),
    "figure": ("Chỉ tiêu", "Figure"),
    "value": ("Số liệu", "Value"),
    "from_records": ("Từ các hồ sơ", "From the records"),
    "filter_by_agency": ("Xem theo cơ quan", "By agency"),
    "filter_by_topic": ("Xem theo chủ đề", "By topic"),
    "years_listing": ("Các năm", "Years"),
    "feed_title": ("Hoạt động thực hiện Kế hoạch (An Giang)", "Activities carried out under the plan (An Giang)"),
    "feed_link": ("Nhận tin hoạt động mới (Atom)", "Follow new activities (Atom feed)"),
    "headline": (
        "Tính đến ngày {date}: {with_evidence} trên {duties} nhiệm vụ có hoạt động được ghi nhận; {overdue} nhiệm vụ quá hạn mà chưa ghi nhận hoạt động; {activities} hoạt động đã được ghi nhận.",
        "As of {date}: {with_evidence} of {duties} duties have activity recorded; {overdue} duties are overdue with no activity recorded; {activities} activities have been recorded.",
    ),
    "report_pdf": ("Báo cáo này (PDF, để in)", "This report (PDF, for printing)"),
    "report_intro": (
        "Báo cáo này được tổng hợp tự động từ các hồ sơ hoạt động và đánh giá đã được ghi nhận trong dữ liệu của Kế hoạch. Mỗi số liệu dẫn chiếu các hồ sơ mà nó cộng lại.",
        "This report is compiled from the activity records and assessments entered in the plan's data. Each figure cites the records it adds up.",
    ),
    "methodology_scale": ("Thang đánh giá mức độ hoàn thành", "The completion scale"),
    "methodology_scale_text": (
        "Mỗi nhiệm vụ được đánh giá theo từng năm báo cáo, theo một thang cố định: Chưa bắt đầu, Hạn chế, Đáng kể, Hoàn thành. Chỉ có đánh giá khi dữ liệu ghi rõ ai đánh giá, ngày nào và lý do. Khi chưa có đánh giá: nếu trong năm có hoạt động được ghi nhận thì ghi “Có hoạt động, chưa được đánh giá”; nếu không thì ghi “Chưa ghi nhận kết quả”. Không bao giờ suy đoán.",
        "Each duty is assessed per reporting year on a fixed scale: Not started, Limited, Substantial, Completed. An assessment is shown only when the data says who assessed it, when and why. Without one, a duty with activity recorded in the year shows “Activity recorded, not assessed”, and one without shows “No evidence recorded”. Nothing is guessed.",
    ),
    "methodology_deadlines": ("Thời hạn: đến hạn và quá hạn", "Deadlines: due and overdue"),
    "methodology_deadline_rules": (
        "Mỗi loại thời hạn cho các mốc báo cáo như sau. Một mốc “đến hạn” khi còn không quá 30 ngày; “quá hạn” khi mốc đã qua mà chưa có hoạt động nào được ghi nhận trong khoảng thời gian của mốc đó. Quá hạn ở đây nghĩa là dữ liệu chưa ghi nhận hoạt động, không khẳng định rằng cơ quan không thực hiện.",
        "Each kind of deadline gives reporting dates as below. A date is “due” when it is 30 days away or less, and “overdue” when it has passed with no activity recorded for its period. Overdue means that the data records no activity, not that the agency did nothing.",
    ),
    "rule_annual": ("“Hàng năm”: ngày 31/12 của mỗi năm của Kế hoạch; hoạt động trong năm đó được tính.", "“Annually”: 31 December of each year of the plan; activity in that year counts."),
    "rule_annual_by_date": ("“Trước ngày … hàng năm”: ngày ghi trong Kế hoạch của mỗi năm; hoạt động từ 1/1 đến ngày đó được tính.", "“Before … each year”: the printed day of each year; activity from 1 January to that day counts."),
    "rule_year_range": ("Khoảng năm (ví dụ 2023 - 2025): ngày 31/12 của năm cuối; hoạt động trong cả khoảng được tính.", "A range of years (e.g. 2023 - 2025): 31 December of the last year; activity in the whole range counts."),
    "rule_milestones": ("Báo cáo sơ bộ, báo cáo cuối: ngày 31/12 của năm cuối mỗi mốc.", "Preliminary and final reports: 31 December of each milestone's last year."),
    "rule_never": ("Khi có yêu cầu, trước một sự kiện, theo Công ước, theo quyết định: không có mốc cố định, không bao giờ tính quá hạn.", "On request, before an event, as the Convention sets, as a decision sets: no fixed date, never overdue."),
    "methodology_as_of": ("Ngày tính số liệu", "The as-of date"),
    "methodology_as_of_text": (
        "Tình trạng được tính đến ngày dựng trang (ghi ở đầu mỗi trang tiến độ). Người duy trì có thể cố định ngày này khi dựng lại (tùy chọn --as-of), để cùng dữ liệu luôn cho cùng kết quả.",
        "States are worked out as of the day the site was built (given at the top of each progress page). Maintainers can fix that day when rebuilding (the --as-of option), so the same data always gives the same result.",
    ),
    "methodology_evidence": ("Thế nào là bằng chứng", "What counts as evidence"),
    # a long report split into parts (generator.content.tracking.report_split)
    "report_split_intro": (
        "Báo cáo dài nên được chia thành {count} phần, mỗi phần gồm một loạt nhiệm vụ theo thứ tự của Kế hoạch, có tổng hợp riêng. "
        "Số liệu nào cộng lại hơn {limit} hồ sơ thì không liệt kê từng hồ sơ mà dẫn chiếu cùng số liệu đó của từng phần, trong bảng các phần (mỗi phần có liên kết); "
        "số liệu của mỗi phần dẫn chiếu các hồ sơ mà nó cộng lại, và tổng các số liệu của các phần bằng số liệu của báo cáo. "
        "Bản PDF in toàn bộ báo cáo trong một tài liệu.",
        {
            "one": "This report is long, so it is split into {count} part, a run of duties in the plan's order with its own totals. "
            "A figure that adds up more than {limit} records cites instead the same figure of each part, in the table of parts (each part linked); "
            "each part's figure cites the records it adds up, and the parts' figures add up to the report's. "
            "The PDF prints the whole report as one document.",
            "other": "This report is long, so it is split into {count} parts, each a run of duties in the plan's order with its own totals. "
            "A figure that adds up more than {limit} records cites instead the same figure of each part, in the table of parts (each part linked); "
            "each part's figure cites the records it adds up, and the parts' figures add up to the report's. "
            "The PDF prints the whole report as one document.",
        },
    ),
    "report_parts": ("Các phần của báo cáo", "Parts of the report"),
    "report_part": ("Phần (các nhiệm vụ)", "Part (its duties)"),
    # the report's figures as column heads of the table of parts
    "short_total_activities": ("Hoạt động", "Activities"),
    "short_people_trained": ("Người được tập huấn", "People trained"),
    "short_publications": ("Ấn phẩm", "Publications"),
    "short_copies": ("Số bản", "Copies"),
    "short_broadcasts": ("Phát sóng", "Broadcasts"),
    "cited_by_part": ("cộng từ các phần: xem bảng các phần", "added up from the parts: see the table of parts"),
    "totals_of_part": ("Tổng hợp của phần này", "Totals of this part"),
    "report_share": ("Phần này cộng vào tổng hợp của báo cáo", "What this part adds to the report's totals"),
    "report_share_text": (
        "Các hồ sơ của phần này chưa được tính ở một phần trước: một hồ sơ phục vụ nhiệm vụ của nhiều phần chỉ được tính một lần trong tổng hợp của báo cáo.",
        "The records of this part not counted in an earlier part: a record serving duties of several parts counts once in the report's totals.",
    ),
    "duties_by_part": ("Theo từng phần:", "By part:"),
    "methodology_evidence_text": (
        "Một hoạt động chỉ được ghi nhận khi có nguồn mà người đọc kiểm tra được: một địa chỉ trang web công khai, hoặc một văn bản có số hiệu, ngày và cơ quan ban hành. Số liệu (số người tham dự, số bản, số lượt phát sóng) chỉ ghi khi nguồn nêu rõ. Không có nguồn thì không có hồ sơ.",
        "An activity is recorded only with a source a reader can check: a public web address, or a document with its number, date and issuer. Figures (participants, copies, broadcasts) are given only when the source states them. No source, no record.",
    ),
    # the theme's interface (templates/sphinx/plan-ui.html): skip link, menus, search page
    "ui_skip": ("Chuyển đến nội dung chính", "Skip to main content"),
    "ui_top": ("Lên đầu trang", "Back to top"),
    "ui_search": ("Tìm kiếm", "Search"),
    "ui_search_placeholder": ("Tìm kiếm…", "Search…"),
    "ui_color_mode": ("Chế độ màu", "Colour mode"),
    "ui_light": ("Sáng", "Light"),
    "ui_dark": ("Tối", "Dark"),
    "ui_auto": ("Theo thiết bị", "Device setting"),
    "ui_site_nav": ("Danh mục các trang", "Site navigation"),
    "ui_page_toc": ("Nội dung trang này", "On this page"),
    "ui_previous": ("Trang trước", "Previous page"),
    "ui_next": ("Trang sau", "Next page"),
    "ui_pages": ("Trang trước và trang sau", "Previous and next page"),
    "ui_search_noscript": ("Cần bật JavaScript để tìm kiếm.", "Search needs JavaScript to be turned on."),
    "ui_search_label": ("Tìm trong Kế hoạch (gõ có dấu hoặc không dấu)", "Search the plan"),
    "ui_search_busy": ("Đang tìm “{q}”…", "Searching for “{q}”…"),
    "ui_search_found": ("{n} kết quả cho “{q}”", "{n} results for “{q}”"),
    "ui_search_found_one": ("1 kết quả cho “{q}”", "1 result for “{q}”"),
    "ui_search_none": ("Không tìm thấy kết quả nào cho “{q}”", "No results for “{q}”"),
    "ui_search_failed": ("Không tải được dữ liệu tìm kiếm. Vui lòng thử lại.", "The search data could not be loaded. Please try again."),
    "ui_search_more": ("Xem thêm kết quả", "Show more results"),
    "ui_search_results": ("Kết quả tìm kiếm", "Search results"),
    "ui_language": ("Ngôn ngữ", "Language"),
    # the 404 pages (generator/site/discovery.py)
    "not_found_title": ("Không tìm thấy trang", "Page not found"),
    "not_found_text": (
        "Không có trang nào ở địa chỉ này. Có thể địa chỉ bị gõ sai, hoặc trang đã được chuyển đi.",
        "There is no page at this address. It may have been mistyped, or the page has moved.",
    ),
    "not_found_home": ("Trang chủ", "Home page"),
    "not_found_plan": ("Toàn bộ Kế hoạch", "The whole plan"),
    "not_found_search": ("Tìm kiếm", "Search"),
    "not_found_links": ("Bạn có thể đến", "You can go to"),
    # page descriptions (<meta name="description">, OpenGraph): generator.content.discovery
    "describe_plan": (
        "Toàn bộ {count} nhiệm vụ của {title}, theo từng mục.",
        {"one": "The {count} duty of {title}, section by section.", "other": "All {count} duties of {title}, section by section."},
    ),
    "describe_agencies": (
        "Các cơ quan thực hiện {title} và số nhiệm vụ mỗi cơ quan chủ trì, phối hợp.",
        "The agencies that carry out {title}, and how many duties each leads and coordinates.",
    ),
    "describe_topics": ("Các nhiệm vụ của {title}, theo chủ đề.", "The duties of {title}, by topic."),
    "describe_schedule": (
        "Thời hạn hoàn thành các nhiệm vụ của {title}: việc làm hàng năm và việc có thời hạn theo năm.",
        "The deadlines of the duties of {title}: every year, and year by year.",
    ),
    "describe_legal": ("Các văn bản được viện dẫn trong {title}.", "The legal documents cited in {title}."),
    "describe_open-data": (
        "{title} dưới dạng dữ liệu mở: CSV, JSON và lịch iCalendar.",
        "{title} as open data: CSV, JSON and iCalendar calendars.",
    ),
    "describe_translations": ("Tình trạng bản dịch tiếng Anh của {title}.", "How much of {title} is translated into English."),
    "describe_agency": ("{name}: {roles} trong {title}.", "{name}: {roles} of {title}."),
    "describe_agency_named": ("{name}: cơ quan được nêu trong {title}.", "{name}: named in {title}."),
    "describe_leads": ("chủ trì {count} nhiệm vụ", {"one": "leads {count} duty", "other": "leads {count} duties"}),
    "describe_coordinates": (
        "phối hợp {count} nhiệm vụ",
        {"one": "coordinates {count} duty", "other": "coordinates {count} duties"},
    ),
    "describe_and": (", ", " and "),
    "describe_search": ("Tìm kiếm trong {title}.", "Search {title}."),
    "describe_progress": (
        "Tiến độ thực hiện {title}: mức độ hoàn thành, thời hạn sắp đến và nhiệm vụ quá hạn, theo mục và theo cơ quan.",
        "Progress of {title}: completion, coming deadlines and overdue duties, by section and by agency.",
    ),
    "describe_activities": (
        "Các hoạt động đã thực hiện {title}, theo năm, kèm nguồn.",
        "The activities carried out under {title}, year by year, with their sources.",
    ),
    "describe_activities-year": (
        "Các hoạt động thực hiện {title} bắt đầu trong năm {year}, kèm số liệu và nguồn.",
        "The activities under {title} that started in {year}, with their figures and sources.",
    ),
    "describe_reports": (
        "Báo cáo kết quả thực hiện {title} hằng năm, của toàn tỉnh và của từng cơ quan chủ trì.",
        "The annual implementation reports of {title}, for the province and for each lead agency.",
    ),
    "describe_report": (
        "Báo cáo kết quả thực hiện {title} năm {year}: tình trạng từng nhiệm vụ, hoạt động và số liệu tổng hợp.",
        "The {year} implementation report of {title}: each duty's status, its activities and the totals.",
    ),
    "describe_agency_report": (
        "Báo cáo năm {year} của {name} về các nhiệm vụ chủ trì trong {title}.",
        "The {year} report of the {name} on the duties it leads in {title}.",
    ),
    "describe_methodology": (
        "Cách theo dõi tiến độ {title}: thang đánh giá, quy tắc đến hạn và quá hạn, thế nào là bằng chứng.",
        "How the progress of {title} is tracked: the completion scale, the due and overdue rules, what counts as evidence.",
    ),
    # summaries at the top of agency and topic pages
    "summary_leads": ("Chủ trì {count} nhiệm vụ", {"one": "Leads {count} duty", "other": "Leads {count} duties"}),
    "summary_takes_part": (
        "tham gia {count} nhiệm vụ khác",
        {"one": "takes part in {count} other duty", "other": "takes part in {count} other duties"},
    ),
    "summary_duties": ("{count} nhiệm vụ", {"one": "{count} duty", "other": "{count} duties"}),
    "summary_by_section": ("Theo mục: {parts}.", "By section: {parts}."),
    "summary_next_deadline": ("Mốc báo cáo gần nhất: {date} ({duty}).", "Next reporting date: {date} ({duty})."),
    # schedule
    "recurring": ("Hàng năm", "Every year"),
    "in_year": ("Năm {year}", "In {year}"),
    "open_ended": ("Không theo năm cố định", "Not tied to a year"),
    # long listings split into pages (generator.content.addresses.listing_parts)
    "listing_split": (
        "Danh sách dài nên được chia thành {count} trang:",
        {"one": "A long list, on {count} page:", "other": "A long list, split into {count} pages:"},
    ),
    "listing_part": ("trang {n}/{total}", "page {n} of {total}"),
    "page_n": ("Trang {n}", "Page {n}"),
    "duties_from_to": ("Nhiệm vụ {first} – {last}", "Duties {first} – {last}"),
    "section_part_title": ("Mục {letter}: nhiệm vụ {first} – {last}", "Section {letter}: duties {first} – {last}"),
    "agency_count": ("{count} cơ quan", {"one": "{count} agency", "other": "{count} agencies"}),
    "topic_count": ("{count} chủ đề", {"one": "{count} topic", "other": "{count} topics"}),
    "calendar_count": ("{count} lịch", {"one": "{count} calendar", "other": "{count} calendars"}),
    "activity_count": ("{count} hoạt động", {"one": "{count} activity", "other": "{count} activities"}),
}



# -- the printed handbooks' own words (cover, contents, how to use it, booklets) --
# Placeholders such as {title} take data (a Text) and are filled as separate text
# runs by the handbook, never by str.format; see raw_label().
_PRINT: dict[str, tuple[str, str]] = {
    "kicker_full": ("Sổ tay tập huấn", "Trainer's handbook"),
    "kicker_parallel": ("Sổ tay song ngữ", "Bilingual handbook"),
    "kicker_agency": ("Nhiệm vụ theo cơ quan", "Duties by agency"),
    "kicker_topic": ("Nhiệm vụ theo chủ đề", "Duties by topic"),
    "kicker_report": ("Báo cáo hằng năm", "Annual report"),
    "kicker_agency_report": ("Báo cáo hằng năm của cơ quan chủ trì", "Annual report of a lead agency"),
    "report_as_of": ("Số liệu tính đến {date}", "Figures as of {date}"),
    "edition_name": ("Bản tiếng Việt", "English edition"),
    "edition_parallel": ("Bản song ngữ Việt – Anh", "Vietnamese–English parallel edition"),
    "edition_of": ("Ấn bản {date}", "Edition of {date}"),
    "province": ("Tỉnh {province}", "{province} Province"),
    "contents": ("Mục lục", "Contents"),
    "how_to_use": ("Cách dùng sổ tay này", "How to use this handbook"),
    "how_to_use_booklet": ("Cách dùng tập này", "How to use this booklet"),
    "convention_part": ("Công ước và Kế hoạch", "The Convention and the plan"),
    "annex": ("Phụ lục: các mục khác của Kế hoạch", "Annex: the rest of the plan"),
    "annex_running": ("Phụ lục", "Annex"),
    "agency_directory": ("Danh bạ cơ quan", "Agency directory"),
    "topic_index": ("Chỉ mục chủ đề", "Topic index"),
    "on_the_web": ("Trên trang web", "On the website"),
    "led_part": ("Nhiệm vụ chủ trì", "Duties it leads"),
    "supported_part": ("Nhiệm vụ phối hợp", "Duties it coordinates or supports"),
    "column_vi": ("Tiếng Việt", "Vietnamese"),
    "column_en": ("Tiếng Anh", "English"),
    "duty_short": ("Nhiệm vụ", "Duty"),
    "lead_short": ("Chủ trì", "Lead"),
    "duties_n": ("Nhiệm vụ ({count})", "Duties ({count})"),
    # how to use
    "use_whole": (
        ("Sổ tay này in toàn văn {title} để dùng trong tập huấn và tuyên truyền. "
         "Mục {featured}, về tuyên truyền, phổ biến, giáo dục, in trước tiên và đầy đủ; "
         "{others} in trong Phụ lục."),
        ("This handbook prints the whole of {title} for training and awareness-raising. "
         "Section {featured}, on public awareness, comes first and in full; {others} follow in the annex."),
    ),
    "use_card": (
        ("Mỗi nhiệm vụ in trong một khung riêng: số của nhiệm vụ, nhiệm vụ và giải pháp cụ thể, "
         "cơ quan chủ trì, cơ quan phối hợp, kết quả dự kiến, thời hạn hoàn thành, chủ đề, "
         "văn bản được viện dẫn và ghi chú về văn bản gốc (nếu có)."),
        ("Each duty is printed in a frame of its own: its number, the task, the lead agency, the "
         "coordinating agencies, the expected results, the deadline, its topics, the legal documents "
         "it cites and notes on the source text (if any)."),
    ),
    "use_faithful": (
        ("Lời văn của Kế hoạch được giữ đúng nguyên văn như khi ban hành, kể cả những chỗ in sai; "
         "chỗ nào văn bản gốc có điểm bất thường thì có ghi chú riêng. Phần diễn giải thời hạn, "
         "các chủ đề và các ghi chú là của nhóm biên soạn, không phải lời văn của Kế hoạch."),
        ("The Vietnamese text of the plan is kept exactly as adopted, misprints included; where the "
         "source is odd, a note says so. The meaning given for each deadline, the topics and the notes "
         "are the editors' own words, not the plan's."),
    ),
    "use_translation": (
        "",
        ("The Vietnamese text is the plan as adopted; the English is a translation to help the reader. "
         "Where a text has no English yet, the Vietnamese is printed, marked as not yet translated."),
    ),
    "use_qr": (
        "Mã QR và đường dẫn ở đầu mỗi khung dẫn tới trang của nhiệm vụ đó trên trang web của Kế hoạch.",
        "The QR code and the link at the top of each frame lead to the duty's page on the plan's website.",
    ),
    "use_path": (
        ("Dòng “Trên trang web” ở đầu mỗi khung cho biết đường dẫn tới trang của nhiệm vụ đó, "
         "tính từ địa chỉ trang web của Kế hoạch."),
        ("The “On the website” line at the top of each frame gives the path of the duty's page, "
         "from the address of the plan's website."),
    ),
    "use_find": ("Tra cứu:", "To find a duty:"),
    "find_agency": ("theo cơ quan, ở Danh bạ cơ quan", "by agency, in the agency directory"),
    "find_topic": ("theo chủ đề, ở Chỉ mục chủ đề", "by topic, in the topic index"),
    "find_schedule": ("theo thời hạn, ở Lịch thời hạn", "by deadline, in the schedule of deadlines"),
    "find_legal": ("theo văn bản, ở mục Văn bản được viện dẫn", "by legal document, in the list of legal documents"),
    "page_column": ("Trang", "Page"),
    "use_parallel": (
        ("Mỗi nhiệm vụ in hai cột: bên trái là lời văn tiếng Việt của Kế hoạch, bên phải là bản dịch "
         "tiếng Anh, để dùng trong các lớp tập huấn song ngữ."),
        ("Each duty is printed in two columns: on the left the plan's Vietnamese text, on the right the "
         "English translation, for bilingual training."),
    ),
    "booklet_agency": (
        "Tập này gồm {count} nhiệm vụ của {title} có tên {agency}.",
        "This booklet holds the {count} of {title} that name the {agency}.",
    ),
    "booklet_agency_order": (
        ("In trước là {led} nhiệm vụ cơ quan chủ trì; sau đó là {other} nhiệm vụ cơ quan phối hợp, "
         "thực hiện theo thẩm quyền hoặc được đề nghị phối hợp. Mục lục ghi rõ vai trò của cơ quan ở từng nhiệm vụ."),
        ("First come the {led} it leads; then the {other} it coordinates, carries out within "
         "its competence or is requested to support. The contents give the agency's role in each."),
    ),
    "booklet_topic": (
        "Tập này gồm {count} nhiệm vụ của {title} thuộc chủ đề: {topic}.",
        "This booklet holds the {count} of {title} on the topic: {topic}.",
    ),
    "booklet_topic_note": (
        "Các chủ đề là cách nhóm nhiệm vụ của nhóm biên soạn, không phải của Kế hoạch.",
        "Topics are the editors' way of grouping duties, not part of the plan.",
    ),
    "booklet_whole": (
        "Toàn văn Kế hoạch, danh bạ cơ quan và lịch thời hạn có trong sổ tay đầy đủ.",
        "The whole plan, the agency directory and the schedule of deadlines are in the full handbook.",
    ),
    # the Convention in brief
    "convention_what": (
        ("{convention} (gọi tắt là Công ước CAT) là một điều ước quốc tế của Liên hợp quốc. "
         "Việt Nam là thành viên của Công ước từ năm 2015."),
        ("The {convention} (the Convention, CAT) is a United Nations treaty. "
         "Vietnam has been a member of the Convention since 2015."),
    ),
    "convention_plan": (
        ("{title} giao cho từng cơ quan những nhiệm vụ cụ thể: cơ quan nào chủ trì, cơ quan nào phối hợp, "
         "kết quả dự kiến và thời hạn hoàn thành. Kế hoạch có {sections} mục, với {duties} nhiệm vụ:"),
        ("{title} gives each agency specific duties: which agency leads, which agencies coordinate, "
         "the expected results and the deadline. The plan has {sections} and {duties}:"),
    ),
    "convention_featured": (
        "Mục {featured} là phần về tuyên truyền, phổ biến, giáo dục: sổ tay in mục này trước tiên.",
        "Section {featured} is the part on public awareness: this handbook prints it first.",
    ),
    "section_count": ("Mục {letter} ({count} nhiệm vụ): ", "Section {letter} ({count}): "),
    "count_duty": ("{count}", {"one": "{count} duty", "other": "{count} duties"}),
    "count_section": ("{count}", {"one": "{count} section", "other": "{count} sections"}),
    "and": ("và", "and"),
}

_PRINT.update(
    {
        "page_footer": ("Trang {page} / {total}", "Page {page} of {total}"),
        "page_ref": ("trang {page}", "page {page}"),
        "page_ref_short": ("tr. {page}", "p. {page}"),
        "qr_alt": ("Mã QR dẫn tới trang web của nhiệm vụ: {url}", "QR code linking to the duty's web page: {url}"),
        "footer_separator": (" · ", " · "),
    }
)
_LABELS.update({key: value for key, value in _PRINT.items() if key not in _LABELS})

# -- the command line's messages (generator/cli.py) ---------------------------------
# Every line the CLI prints, and its help texts. Placeholders are filled by the CLI
# with str.format and keyword arguments (the values are data: paths, ids, numbers,
# never re-read as format strings). Paths, commands and option names stay as they are
# in both languages. A key with plural forms takes ``count``; see label().
_CLI: dict[str, tuple[str | dict[str, str], str | dict[str, str]]] = {
    # the project folder and the data folder
    "cli_no_such_root": ("--root {root}: không có thư mục này", "--root {root}: no such folder"),
    "cli_root_not_folder": ("--root {root}: không phải là thư mục", "--root {root}: not a folder"),
    "cli_no_data_folder": (
        "không có thư mục {data}/ trong {root}; hãy chạy lệnh này trong thư mục dự án, hoặc dùng tùy chọn --root",
        "no {data}/ folder in {root}; run this command in the project folder, or pass --root",
    ),
    "cli_data_not_folder": ("{data} trong {root} không phải là thư mục", "{data} in {root} is not a folder"),
    "cli_needs_sphinx": (
        (
            "không có {needed} trong {root}; lệnh {command} cần conf.py và docs/ của dự án: "
            "hãy chạy lệnh này trong thư mục dự án, hoặc dùng tùy chọn --root"
        ),
        (
            "no {needed} in {root}; {command} needs the project's conf.py and docs/: "
            "run this command in the project folder, or pass --root"
        ),
    ),
    "cli_no_data_files": (
        "{data}/ không có tệp dữ liệu nào; cần có: {files}",
        "{data}/ holds no data files; it needs {files}",
    ),
    "cli_nothing_built": (
        "Có {count} lỗi trong {data}/; không có gì được tạo ra.",
        {"one": "{count} error in {data}/; nothing was built.", "other": "{count} errors in {data}/; nothing was built."},
    ),
    # what a command needs before it starts
    "cli_extra_missing": (
        "chưa cài đặt {module}; hãy cài nhóm gói bổ sung '{extra}': pip install -e '.[{extra}]'",
        "{module} is not installed; install the '{extra}' extra: pip install -e '.[{extra}]'",
    ),
    "cli_pdf_extra_missing": (
        (
            "chưa cài đặt {module}; hãy cài nhóm gói bổ sung '{extra}': pip install -e '.[{extra}]' "
            "(hoặc dựng trang không kèm sổ tay: --no-pdf)"
        ),
        (
            "{module} is not installed; install the '{extra}' extra: pip install -e '.[{extra}]' "
            "(or build without the handbooks: --no-pdf)"
        ),
    ),
    "cli_write_is_file": ("không ghi được vào {path}/: {file} là một tệp", "cannot write to {path}/: {file} is a file"),
    "cli_write_denied": ("không ghi được vào {path}/: không có quyền ghi", "cannot write to {path}/: permission denied"),
    "cli_write_not_writable": (
        "không ghi được vào {path}/: không có quyền ghi vào {folder}/",
        "cannot write to {path}/: {folder}/ is not writable",
    ),
    "cli_bad_port": ("--port {port}: không phải là số cổng (1-65535)", "--port {port}: not a port number (1-65535)"),
    "cli_port_in_use": (
        "cổng {port} đang được dùng; hãy chọn cổng khác bằng --port",
        "port {port} is in use; choose another with --port",
    ),
    "cli_bad_ui_lang": (
        "CAT_PLAN_LANG={value}: ngôn ngữ không hợp lệ; dùng vi hoặc en",
        "CAT_PLAN_LANG={value}: not a language of the command line; use vi or en",
    ),
    # stopping
    "cli_interrupted": ("đã dừng giữa chừng", "interrupted"),
    "cli_build_interrupted": (
        "đã dừng giữa chừng; trang web đã xuất bản trong _build/html không thay đổi",
        "interrupted; the published site in _build/html is unchanged",
    ),
    "cli_preview_stopped": ("đã dừng xem trước", "preview stopped"),
    # check
    "cli_check_duties": ("nhiệm vụ: {count} ({sections})", "duties: {count} ({sections})"),
    "cli_check_agencies": ("cơ quan: {count}", "agencies: {count}"),
    "cli_check_topics": ("chủ đề: {count}", "topics: {count}"),
    "cli_check_legal": ("văn bản được viện dẫn: {count}", "legal documents: {count}"),
    "cli_check_untranslated": ("nội dung chưa có bản dịch tiếng Anh: {count}", "texts lacking English: {count}"),
    "cli_check_more": (
        "… và {count} nội dung khác (lệnh python -m generator translations liệt kê đầy đủ)",
        "… and {count} more (python -m generator translations lists them all)",
    ),
    "cli_check_warnings": ("cảnh báo: {count}", "warnings: {count}"),
    # files written
    "cli_wrote": ("đã ghi {path}", "wrote {path}"),
    "cli_schema_changed": (
        "{count} tệp schema có thay đổi",
        {"one": "{count} schema file changed", "other": "{count} schema files changed"},
    ),
    "cli_export_files": (
        "{count} tệp trong {path}/ ({written} tệp được ghi, {unchanged} tệp không đổi)",
        {
            "one": "{count} file in {path}/ ({written} written, {unchanged} unchanged)",
            "other": "{count} files in {path}/ ({written} written, {unchanged} unchanged)",
        },
    ),
    "cli_export_undated": (
        "{count} nhiệm vụ có thời hạn không gắn với ngày hay năm nên không có trong lịch",
        {
            "one": "{count} duty has no date or year in its deadline and is not in the calendars",
            "other": "{count} duties have no date or year in their deadline and are not in the calendars",
        },
    ),
    # build
    "cli_build_failed": (
        "dựng trang không thành công sau {seconds} giây; trang web đã xuất bản trong _build/html không thay đổi.",
        "build failed after {seconds} s; the published site in _build/html is unchanged.",
    ),
    "cli_build_summary": (
        "tổng hợp: {details}, {count} tệp PDF",
        {"one": "summary: {details}, {count} PDF", "other": "summary: {details}, {count} PDFs"},
    ),
    "cli_built": (
        "đã dựng {langs}: {count} trang HTML trong {seconds} giây -> {path}/",
        {
            "one": "built {langs}: {count} HTML page in {seconds} s -> {path}/",
            "other": "built {langs}: {count} HTML pages in {seconds} s -> {path}/",
        },
    ),
    # the build's steps, as generator.site.build and generator.handbook.step report them
    "cli_step_work_folder": (
        "thư mục làm việc: {copied} tệp được chép cho khớp với trang web đã xuất bản, {removed} tệp bị xóa",
        "work folder: {copied} files brought level with the published site, {removed} removed",
    ),
    "cli_step_page_sources": (
        "mã nguồn các trang: {written} tệp được ghi, {unchanged} tệp không đổi, {removed} tệp bị xóa",
        "page sources: {written} written, {unchanged} unchanged, {removed} removed",
    ),
    "cli_step_site_unchanged": (
        "trang web bản {lang}: không có gì thay đổi kể từ lần xuất bản trước",
        "the {lang} site: nothing it is made from changed since it was published",
    ),
    "cli_step_building": ("đang dựng trang web bản {lang}…", "building the {lang} site…"),
    "cli_step_built": ("đã dựng xong trang web bản {lang}", "the {lang} site is built"),
    "cli_step_failed": ("dựng trang web bản {lang} không thành công", "the {lang} build failed"),
    "cli_step_search_index": ("chỉ mục tìm kiếm của trang web bản {lang}: {summary}", "search index of the {lang} site: {summary}"),
    "cli_step_handbooks": ("đang in sổ tay…", "printing the handbooks…"),
    "cli_step_finishing": ("đang hoàn tất…", "finishing…"),
    "cli_step_handbooks_done": (
        (
            "sổ tay: {count} tệp PDF, {compiled} tệp do Typst in và {unchanged} tệp không đổi (lấy từ bộ nhớ đệm); "
            "{pages} trang; {seconds} giây với {processes} tiến trình"
        ),
        {
            "one": (
                "handbooks: {count} PDF, {compiled} printed by Typst and {unchanged} unchanged (from the cache); "
                "{pages} pages; {seconds} s with {processes} processes"
            ),
            "other": (
                "handbooks: {count} PDFs, {compiled} printed by Typst and {unchanged} unchanged (from the cache); "
                "{pages} pages; {seconds} s with {processes} processes"
            ),
        },
    ),
    "cli_stat_carried_over": ("tệp được giữ lại", "files carried over"),
    "cli_stat_sources_written": ("tệp mã nguồn trang được ghi", "page sources written"),
    "cli_stat_sources_unchanged": ("tệp mã nguồn trang không đổi", "page sources unchanged"),
    "cli_stat_open_data": ("tệp dữ liệu mở", "open-data files"),
    "cli_stat_searchable": ("trang tìm kiếm được ({lang})", "searchable pages ({lang})"),
    # translations
    "cli_confirmed": (
        "đã xác nhận bản tiếng Anh của mọi nội dung đã dịch ({count} nội dung mới được xác nhận)",
        "confirmed the English of every translated text ({count} newly confirmed)",
    ),
    "cli_column_file": ("tệp", "file"),
    "cli_column_texts": ("nội dung", "texts"),
    "cli_column_missing": ("chưa dịch", "missing"),
    "cli_column_outdated": ("chưa cập nhật", "outdated"),
    "cli_column_total": ("tổng", "total"),
    "cli_text_missing": ("chưa dịch: {path}: {where}", "missing: {path}: {where}"),
    "cli_text_outdated": ("có thể chưa cập nhật: {path}: {where}", "outdated: {path}: {where}"),
    # serve
    "cli_previewing": (
        "đang xem trước trang web bản {lang} tại http://127.0.0.1:{port}/ (nhấn Ctrl+C để dừng)",
        "previewing the {lang} site at http://127.0.0.1:{port}/ (Ctrl+C to stop)",
    ),
    # report
    "cli_no_report": (
        "không có báo cáo năm {year}: tính đến ngày {as_of}, báo cáo có từ năm {first} đến năm {last}",
        "no report for {year}: reports run from {first} to {last} as of {as_of}",
    ),
    "cli_no_report_years": (
        "không có báo cáo năm {year}: tính đến ngày {as_of}, chưa có năm nào có báo cáo",
        "no report for {year}: reports run from no year as of {as_of}",
    ),
    "cli_unknown_agency": (
        "không có cơ quan mã '{agency}' (xem {data}/agencies.yaml)",
        "unknown agency '{agency}' (see {data}/agencies.yaml)",
    ),
    # publish
    "cli_rolled_back": (
        "đã chuyển {dest}/current từ bản phát hành {was} về bản {now}",
        "rolled back {dest}/current from release {was} to {now}",
    ),
    "cli_publish_failed": ("publish: {error}", "publish: {error}"),
    "cli_published": (
        "đã phát hành bản {release}: {count} tệp, {megabytes} MB; {dest}/current nay trỏ tới bản này",
        {
            "one": "published release {release}: {count} file, {megabytes} MB; {dest}/current now points at it",
            "other": "published release {release}: {count} files, {megabytes} MB; {dest}/current now points at it",
        },
    ),
    "cli_published_removed": (
        "đã xóa {count} bản phát hành cũ",
        {"one": "removed {count} old release", "other": "removed {count} old releases"},
    ),
    # help texts (python -m generator --help, python -m generator COMMAND --help)
    "cli_help_description": (
        "Kiểm tra, dựng trang và xuất dữ liệu Kế hoạch thực hiện Công ước chống tra tấn của tỉnh An Giang.",
        "Check, build and export An Giang's plan to implement the Convention against Torture.",
    ),
    "cli_help_help": ("hiện hướng dẫn này rồi thoát", "show this help message and exit"),
    "cli_help_root": ("thư mục dự án (mặc định: thư mục hiện tại)", "the project folder (default: the current folder)"),
    "cli_help_data": (
        "thư mục dữ liệu, tính từ thư mục dự án (mặc định: {default})",
        "the data folder, relative to the project (default: {default})",
    ),
    "cli_help_ui_lang": (
        "ngôn ngữ của các thông báo: vi hoặc en (mặc định: biến môi trường CAT_PLAN_LANG, nếu không có thì en)",
        "the language of the messages: vi or en (default: the CAT_PLAN_LANG environment variable, else en)",
    ),
    "cli_help_check": ("kiểm tra dữ liệu và in bản tóm tắt", "validate the data and print a summary"),
    "cli_help_check_long": (
        "Kiểm tra dữ liệu trong plan_data/ và in bản tóm tắt; mỗi lỗi được in theo dạng tệp:dòng:cột: thông báo.",
        "Validate the data in plan_data/ and print a summary; every error is printed as file:line:column: message.",
    ),
    "cli_help_show": (
        "số nội dung chưa dịch được liệt kê (mặc định: 10)",
        "how many untranslated texts to list (default: 10)",
    ),
    "cli_help_build": ("dựng trang web (như lệnh make site)", "build the site (what make site does)"),
    "cli_help_build_long": (
        "Kiểm tra dữ liệu, dựng trang web bằng cả hai ngôn ngữ (hoặc một) và chỉ xuất bản vào _build/html khi mọi bước đều thành công.",
        "Validate the data, build the site in both languages (or one) and publish it to _build/html only if everything succeeded.",
    ),
    "cli_help_build_lang": (
        "chỉ dựng ngôn ngữ này (ngôn ngữ còn lại giữ nguyên như đã xuất bản)",
        "build only this language (the other stays as published)",
    ),
    "cli_help_no_pdf": (
        "không in sổ tay (giữ nguyên các sổ tay đã xuất bản)",
        "skip the printable handbooks (the published ones are kept)",
    ),
    "cli_help_keep_alive": (
        "giữ tiến trình dựng của mỗi ngôn ngữ chạy thêm N phút không có việc sau khi dựng xong, để lần dựng sau "
        "tiếp tục từ chỗ lần này dừng (0: mỗi lần một tiến trình mới; mặc định: biến môi trường "
        "PLAN_BUILD_KEEP_ALIVE, nếu không có thì {default})",
        "keep each language's Sphinx build running for N idle minutes after the build, so that the next build "
        "starts where this one ended (0: a new process each time; default: the PLAN_BUILD_KEEP_ALIVE "
        "environment variable, else {default})",
    ),
    "cli_help_as_of": (
        "tính tình trạng thực hiện đến ngày này, YYYY-MM-DD (mặc định: SOURCE_DATE_EPOCH, nếu không có thì hôm nay)",
        "work statuses out as of this day, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)",
    ),
    "cli_help_report": (
        "báo cáo kết quả thực hiện hằng năm của một năm, dạng văn bản hoặc PDF",
        "the annual implementation report of a year, as text or PDF",
    ),
    "cli_help_report_long": (
        (
            "In báo cáo kết quả thực hiện hằng năm của một năm (của toàn bộ Kế hoạch, hoặc các nhiệm vụ do một cơ quan chủ trì) "
            "dạng văn bản thuần, hoặc dạng PDF với --pdf: tình trạng từng nhiệm vụ, các hoạt động trong năm kèm nguồn, "
            "số liệu tổng hợp kèm hồ sơ dẫn chiếu."
        ),
        (
            "Print the annual implementation report of a year (for the whole plan, or for the duties one agency leads) "
            "as plain text, or as a PDF with --pdf: status of each duty, the year's activities with their sources, "
            "totals citing their records."
        ),
    ),
    "cli_help_year": ("năm báo cáo", "the reporting year"),
    "cli_help_agency": (
        "chỉ các nhiệm vụ do cơ quan này chủ trì (một mã trong agencies.yaml)",
        "only the duties this agency leads (an id of agencies.yaml)",
    ),
    "cli_help_lang": ("ngôn ngữ (mặc định: vi)", "the language (default: vi)"),
    "cli_help_report_out": ("ghi vào tệp này thay vì in ra màn hình", "write to this file instead of printing"),
    "cli_help_report_pdf": (
        "in báo cáo ra PDF như khi dựng trang (cần nhóm gói bổ sung 'pdf'); ghi vào --out, nếu không thì report-NĂM[-CƠ-QUAN]-NGÔN-NGỮ.pdf ở thư mục hiện tại",
        "print it as a PDF, as the build does (needs the 'pdf' extra); to --out, else report-YEAR[-AGENCY]-LANG.pdf in the current folder",
    ),
    "cli_report_not_printed": ("không in được báo cáo: Typst: {reason}", "the report could not be printed: Typst: {reason}"),
    "cli_report_not_written": ("không ghi được {path}: {reason}", "cannot write {path}: {reason}"),
    "cli_report_pdf_extra_missing": (
        "chưa cài đặt {module}; hãy cài nhóm gói bổ sung '{extra}': pip install -e '.[{extra}]' (hoặc in báo cáo dạng văn bản: bỏ --pdf)",
        "{module} is not installed; install the '{extra}' extra: pip install -e '.[{extra}]' (or print the report as text: without --pdf)",
    ),
    "cli_help_export": ("ghi các tệp CSV, JSON và iCalendar của Kế hoạch", "write CSV, JSON and iCalendar files of the plan"),
    "cli_help_export_long": (
        (
            "Ghi các tệp dữ liệu mở: nhiệm vụ, cơ quan và chủ đề dạng CSV (UTF-8 có BOM, để mở bằng Excel), "
            "toàn bộ Kế hoạch dạng JSON, và các tệp lịch thời hạn iCalendar của Kế hoạch và của từng cơ quan."
        ),
        (
            "Write the open-data files: duties, agencies and topics as CSV (UTF-8 with BOM, for Excel), the whole plan "
            "as JSON, and iCalendar files of deadlines for the plan and per agency."
        ),
    ),
    "cli_help_export_out": (
        "thư mục để ghi vào (mặc định: _build/export)",
        "the folder to write into (default: _build/export)",
    ),
    "cli_help_translations": (
        "báo cáo các nội dung tiếng Anh còn thiếu hoặc chưa cập nhật",
        "report English texts that are missing or out of date",
    ),
    "cli_help_translations_long": (
        (
            "Báo cáo, theo từng tệp dữ liệu và tổng cộng, các nội dung tiếng Anh còn thiếu hoặc có phần tiếng Việt "
            "đã thay đổi kể từ khi bản tiếng Anh được xác nhận."
        ),
        (
            "Report, per data file and in total, the English texts that are missing or whose Vietnamese changed "
            "since the English was confirmed."
        ),
    ),
    "cli_help_confirm": (
        "ghi nhận rằng bản tiếng Anh của mọi nội dung đã dịch đều đã cập nhật",
        "record that the English of every translated text is up to date",
    ),
    "cli_help_serve": (
        "xem trước trực tiếp, tự dựng lại khi dữ liệu hoặc các trang thay đổi",
        "live preview that rebuilds when the data or pages change",
    ),
    "cli_help_serve_long": (
        (
            "Chạy bản xem trước trực tiếp, dựng lại ngay trong tiến trình này các trang thay đổi khi plan_data/ "
            "hoặc docs/ thay đổi (khởi động lại sau khi sửa mã nguồn của bộ dựng trang)."
        ),
        (
            "Serve a live preview that rebuilds, in the same process, the pages that change when plan_data/ or docs/ "
            "change (restart it after changing the generator's code)."
        ),
    ),
    "cli_help_serve_lang": ("ngôn ngữ để xem trước (mặc định: vi)", "the language to preview (default: vi)"),
    "cli_help_port": ("cổng (mặc định: 8000)", "the port (default: 8000)"),
    "cli_help_publish": (
        "đưa bản dựng thành công gần nhất lên thư mục gốc của máy chủ web, chuyển một lần, giữ các bản phát hành trước",
        "put the last good build on a web root, atomically, keeping earlier releases",
    ),
    "cli_help_publish_long": (
        (
            "Chép _build/html vào DEST/releases/<thời điểm>/ kèm tệp SHA256SUMS, rồi chuyển liên kết DEST/current "
            "sang bản đó trong một bước (cấu hình máy chủ web trỏ vào DEST/current). "
            "Nếu việc chép bị lỗi hoặc bị dừng giữa chừng thì trang web đang chạy giữ nguyên."
        ),
        (
            "Copy _build/html into DEST/releases/<time>/ with a SHA256SUMS file, then switch the symlink DEST/current "
            "to it in one step (point the web server at DEST/current). "
            "A failed or interrupted copy leaves the live site as it was."
        ),
    ),
    "cli_help_dest": (
        "thư mục gốc của trang web (được tạo nếu chưa có)",
        "the web root folder (created if missing)",
    ),
    "cli_help_rollback": (
        "chuyển DEST/current về bản phát hành trước đó",
        "switch DEST/current back to the release before it",
    ),
    "cli_help_keep": (
        "số bản phát hành được giữ lại, luôn kể cả bản đang chạy (mặc định: 5)",
        "how many releases to keep, the live one always (default: 5)",
    ),
    "cli_help_schema": (
        "tạo lại các JSON Schema của tệp dữ liệu",
        "regenerate the JSON Schemas of the data files",
    ),
    "cli_help_schema_long": (
        "Ghi plan_data/schema/*.schema.json từ các mô hình dữ liệu, để trình soạn thảo kiểm tra YAML ngay khi gõ.",
        "Write plan_data/schema/*.schema.json from the models, for editors that validate YAML while you type.",
    ),
}
_LABELS.update(_CLI)  # every key starts with "cli_", which no label of the pages does
#: The keys of the command line's messages (tests/test_cli_strings.py checks both languages of each).
CLI_KEYS = tuple(_CLI)

# -- the data's diagnostics (generator/data/) ----------------------------------------
# Every message the loader and the validators report after "file:line:col: ". The data
# layer keeps a key and its values (generator.data.diagnostics.Message) and the edge
# (the CLI, the Sphinx build) renders it in its language. Field names, ids, values
# quoted from the files and the suggested ids stay as they are in both languages.
# A value may itself be a message (an owner, a suggestion), rendered in the same language.
_DIAG: dict[str, tuple[str, str]] = {
    # who a problem belongs to: "duty C.V.1.2: missing field 'task'"
    "diag_owned": ("{owner}: {message}", "{owner}: {message}"),
    "diag_owner_duty": ("nhiệm vụ {name}", "duty {name}"),
    "diag_owner_group": ("nhóm {name}", "group {name}"),
    "diag_owner_section": ("mục {name}", "section {name}"),
    "diag_owner_agency": ("cơ quan {name}", "agency {name}"),
    "diag_owner_topic": ("chủ đề {name}", "topic {name}"),
    "diag_owner_legal_document": ("văn bản {name}", "legal document {name}"),
    "diag_owner_activity": ("hoạt động {name}", "activity {name}"),
    "diag_owner_assessment": ("bản đánh giá nhiệm vụ {name}", "assessment {name}"),
    "diag_owner_assessment_year": ("bản đánh giá nhiệm vụ {duty} năm {year}", "assessment {duty} {year}"),
    "diag_did_you_mean": ("; có phải là '{id}' không?", "; did you mean '{id}'?"),
    "diag_alternatives": ("{first} hoặc {last}", "{first} or {last}"),
    # reading a file (generator/data/load.py)
    "diag_yaml_alias": (
        "không được dùng bí danh YAML '*{anchor}'; hãy viết đầy đủ giá trị",
        "YAML alias '*{anchor}' is not allowed; write the value out in full",
    ),
    "diag_yaml_anchor": (
        "không được dùng neo YAML '&{anchor}'; hãy viết đầy đủ giá trị",
        "YAML anchor '&{anchor}' is not allowed; write the value out in full",
    ),
    "diag_yaml_tag": (
        "không được dùng thẻ YAML '{tag}'; dữ liệu chỉ là văn bản thuần",
        "YAML tag '{tag}' is not allowed; data is plain text",
    ),
    "diag_not_utf8": (
        (
            "tệp không ở dạng UTF-8: không đọc được byte 0x{byte}; hãy lưu lại tệp với mã UTF-8 "
            "(có thể tệp đã được lưu bằng mã Windows-1258 hoặc một mã khác)"
        ),
        (
            "the file is not UTF-8: byte 0x{byte} cannot be read; "
            "save the file as UTF-8 (it may have been saved as Windows-1258 or another encoding)"
        ),
    ),
    "diag_inner_bom": (
        "có ký tự BOM (U+FEFF) ở giữa tệp; hãy xóa ký tự này (hầu hết trình soạn thảo không hiển thị nó)",
        "byte-order mark (U+FEFF) inside the file; delete it (it is invisible in most editors)",
    ),
    # PyYAML's own description of a syntax error ({problem}, {context}) stays in English
    "diag_invalid_yaml": ("YAML không hợp lệ: {problem}", "invalid YAML: {problem}"),
    "diag_invalid_yaml_context": (
        "YAML không hợp lệ: {context}{started}, {problem}",
        "invalid YAML: {context}{started}, {problem}",
    ),
    "diag_yaml_started": (" (bắt đầu từ dòng {line})", " (started at line {line})"),
    "diag_yaml_no_problem": ("lỗi cú pháp", "invalid YAML"),
    "diag_key_not_text": ("tên trường phải là văn bản thuần", "a key must be plain text"),
    "diag_duplicate_key": (
        "trường '{key}' bị lặp (lần đầu ở dòng {line}); trường thứ hai sẽ âm thầm ghi đè trường thứ nhất",
        "duplicate key '{key}' (first at line {line}); the second one would silently replace the first",
    ),
    "diag_file_too_large": (
        "tệp có {size} byte; mỗi tệp dữ liệu chỉ được tối đa {limit} byte",
        "the file is {size} bytes; data files may be at most {limit} bytes",
    ),
    # the data folder and its files (generator/data/validate.py)
    "diag_no_data_folder": ("thư mục dữ liệu không tồn tại", "the data folder does not exist"),
    "diag_file_missing": ("thiếu tệp dữ liệu này", "this data file is missing"),
    "diag_no_section_files": ("không có tệp mục nào (sections/*.yaml)", "no section files (sections/*.yaml)"),
    "diag_invisible": (
        "có ký tự vô hình U+{code} ({name}) trong '{field}'; hãy xóa ký tự này",
        "invisible character U+{code} ({name}) in '{field}'; delete it",
    ),
    "diag_control_character": ("ký tự điều khiển", "control character"),
    # ids, numbers and references
    "diag_duplicate_agency_id": (
        "mã cơ quan '{id}' bị trùng (lần đầu ở dòng {line})",
        "duplicate agency id '{id}' (first at line {line})",
    ),
    "diag_duplicate_topic_id": (
        "mã chủ đề '{id}' bị trùng (lần đầu ở dòng {line})",
        "duplicate topic id '{id}' (first at line {line})",
    ),
    "diag_duplicate_legal_document_id": (
        "mã văn bản '{id}' bị trùng (lần đầu ở dòng {line})",
        "duplicate legal document id '{id}' (first at line {line})",
    ),
    "diag_case_collision_agency_id": (
        "mã cơ quan '{id}' trùng với '{other}' (dòng {line}) khi không phân biệt chữ hoa, chữ thường",
        "agency id '{id}' collides with '{other}' (line {line}) when case is ignored",
    ),
    "diag_case_collision_topic_id": (
        "mã chủ đề '{id}' trùng với '{other}' (dòng {line}) khi không phân biệt chữ hoa, chữ thường",
        "topic id '{id}' collides with '{other}' (line {line}) when case is ignored",
    ),
    "diag_case_collision_legal_document_id": (
        "mã văn bản '{id}' trùng với '{other}' (dòng {line}) khi không phân biệt chữ hoa, chữ thường",
        "legal document id '{id}' collides with '{other}' (line {line}) when case is ignored",
    ),
    "diag_section_defined_twice": (
        "mục '{letter}' cũng được khai báo ở một tệp khác",
        "section '{letter}' is also defined in another file",
    ),
    "diag_duplicate_duty_number": (
        "số nhiệm vụ '{number}' bị trùng (lần đầu ở {first})",
        "duplicate duty number '{number}' (first at {first})",
    ),
    "diag_group_and_duty": ("'{number}' vừa là số của một nhóm vừa là số của một nhiệm vụ", "'{number}' is both a group and a duty"),
    "diag_same_page_name": (
        "nhiệm vụ '{number}' sẽ có tên trang '{slug}' trùng với nhiệm vụ '{other}' ({first})",
        "duty '{number}' would have the same page name '{slug}' as '{other}' ({first})",
    ),
    "diag_section_not_listed": (
        "mục '{letter}' không có trong danh sách 'sections' của {file}",
        "section '{letter}' is not listed under 'sections' in {file}",
    ),
    "diag_unknown_agency": ("không có cơ quan nào mã '{value}'{suggestion}", "unknown agency '{value}'{suggestion}"),
    "diag_unknown_topic": ("không có chủ đề nào mã '{value}'{suggestion}", "unknown topic '{value}'{suggestion}"),
    "diag_unknown_legal_document": (
        "không có văn bản nào mã '{value}'{suggestion}",
        "unknown legal document '{value}'{suggestion}",
    ),
    "diag_unknown_section": ("không có mục '{value}'{suggestion}", "unknown section '{value}'{suggestion}"),
    "diag_unknown_duty": ("không có nhiệm vụ số '{value}'{suggestion}", "unknown duty '{value}'{suggestion}"),
    "diag_unused_agency": (
        "không có nhiệm vụ nào giao cho cơ quan '{id}'",
        "agency '{id}' is not used by any duty",
    ),
    "diag_unused_topic": ("không có nhiệm vụ nào thuộc chủ đề '{id}'", "topic '{id}' is not used by any duty"),
    "diag_unused_legal_document": (
        "không có nhiệm vụ nào viện dẫn văn bản '{id}'",
        "legal document '{id}' is not used by any duty",
    ),
    "diag_duty_outside_section": (
        "nhiệm vụ '{number}' không thuộc mục '{letter}'",
        "duty '{number}' does not belong to section '{letter}'",
    ),
    "diag_group_outside_section": (
        "nhóm '{number}' không thuộc mục '{letter}'",
        "group '{number}' does not belong to section '{letter}'",
    ),
    "diag_duty_under_no_group": (
        "nhiệm vụ '{number}' nằm dưới '{parent}', nhưng '{parent}' không phải là nhóm của mục '{letter}'; hãy khai báo nhóm này hoặc sửa lại số",
        "duty '{number}' is under '{parent}', which is not a group of section '{letter}'; add the group or correct the number",
    ),
    "diag_group_under_no_group": (
        "nhóm '{number}' nằm dưới '{parent}', nhưng '{parent}' không phải là nhóm của mục '{letter}'; hãy khai báo nhóm này hoặc sửa lại số",
        "group '{number}' is under '{parent}', which is not a group of section '{letter}'; add the group or correct the number",
    ),
    # the schema's errors (pydantic's error types, generator/data/messages.py)
    "diag_file_not_mapping": (
        "tệp phải gồm các trường dạng 'tên trường: giá trị'",
        "the file must hold a mapping of fields",
    ),
    "diag_missing_vi": ("thiếu văn bản tiếng Việt '{field}'", "missing Vietnamese text '{field}'"),
    "diag_missing_en": ("thiếu bản tiếng Anh '{field}'", "missing English text '{field}'"),
    "diag_missing_field": ("thiếu trường '{field}'", "missing field '{field}'"),
    "diag_unknown_field": ("trường '{field}' không có trong mẫu", "unknown field '{field}'"),
    "diag_needs_one_entry": ("'{field}' cần có ít nhất một mục", "'{field}' needs at least one entry"),
    "diag_needs_entries": ("'{field}' cần có ít nhất {least} mục", "'{field}' needs at least {least} entries"),
    "diag_not_expected": ("'{field}' là '{value}'; giá trị hợp lệ: {expected}", "'{field}' is '{value}'; expected {expected}"),
    "diag_not_duty_number": (
        "'{field}' là '{value}', không phải là số nhiệm vụ dạng C.V.1.2",
        "'{field}' is '{value}', which is not a number like C.V.1.2",
    ),
    "diag_not_section_letter": (
        "'{field}' là '{value}', không phải là chữ cái của một mục",
        "'{field}' is '{value}', which is not a section letter",
    ),
    "diag_not_id": (
        "'{field}' là '{value}', không phải là mã hợp lệ (chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang){suggestion}",
        "'{field}' is '{value}', which is not an id (lower-case letters, digits and hyphens){suggestion}",
    ),
    "diag_not_whole_number": ("'{field}' là '{value}', không phải là số nguyên", "'{field}' is '{value}', which is not a whole number"),
    "diag_below_minimum": (
        "'{field}' là {value}, nằm ngoài giới hạn cho phép (giá trị phải lớn hơn hoặc bằng {limit})",
        "'{field}' is {value}, out of range (input should be greater than or equal to {limit})",
    ),
    "diag_above_maximum": (
        "'{field}' là {value}, nằm ngoài giới hạn cho phép (giá trị phải nhỏ hơn hoặc bằng {limit})",
        "'{field}' is {value}, out of range (input should be less than or equal to {limit})",
    ),
    "diag_not_date": (
        "'{field}' là '{value}', không phải là ngày hợp lệ (YYYY-MM-DD)",
        "'{field}' is '{value}', which is not a date (YYYY-MM-DD)",
    ),
    "diag_not_bool": ("'{field}' là '{value}'; giá trị hợp lệ: true hoặc false", "'{field}' is '{value}'; expected true or false"),
    "diag_not_mapping": ("'{field}' phải gồm các trường dạng 'tên trường: giá trị'", "'{field}' must be a mapping of fields"),
    "diag_not_list": ("'{field}' phải là một danh sách", "'{field}' must be a list"),
    "diag_not_text": ("'{field}' phải là văn bản", "'{field}' must be text"),
    "diag_reserved_name": (
        "'{field}' là '{value}', một tên tệp mà Windows dành riêng; hãy chọn mã khác",
        "'{field}' is '{value}', a reserved file name on Windows; choose another id",
    ),
    "diag_reserved_file_name": ("'{value}' là tên tệp mà Windows dành riêng", "'{value}' is a reserved file name on Windows"),
    "diag_bad_deadline": ("thời hạn không hợp lệ: {problem}", "bad deadline: {problem}"),
    # an error type no key covers: pydantic's English text ({message}) is shown as it is
    "diag_schema_value_error": ("{message}", "{message}"),
    "diag_schema_other": ("'{field}': {message}", "'{field}': {message}"),
    # deadlines (generator/data/model.py)
    "diag_deadline_readings_assert": (
        "thời hạn có 'readings' không nhận trường '{field}': trường này sẽ khẳng định một cách hiểu của một câu chữ có nhiều cách hiểu",
        "a deadline with 'readings' does not take '{field}': it would assert one reading of an ambiguous text",
    ),
    "diag_deadline_needs": ("thời hạn loại '{kind}' cần có trường '{field}'", "a deadline of kind '{kind}' needs '{field}'"),
    "diag_deadline_does_not_take": (
        "thời hạn loại '{kind}' không nhận trường '{field}'",
        "a deadline of kind '{kind}' does not take '{field}'",
    ),
    "diag_deadline_ends_before": (
        "thời hạn kết thúc ({end}) trước khi bắt đầu ({start})",
        "the deadline ends ({end}) before it starts ({start})",
    ),
    "diag_deadline_not_a_date": ("{day}/{month} không phải là một ngày có thật", "{day}/{month} is not a date"),
    # activities and assessments (generator/data/tracking.py, tracking_check.py)
    "diag_duplicate_activity_id": (
        "mã hoạt động '{id}' bị trùng (lần đầu ở {first})",
        "duplicate activity id '{id}' (first at {first})",
    ),
    "diag_date_outside_years": (
        "'date' là {when}, nằm ngoài các năm của Kế hoạch ({years})",
        "'date' is {when}, outside the plan's years ({years})",
    ),
    "diag_year_outside_years": (
        "'year' là {year}, nằm ngoài các năm của Kế hoạch ({years})",
        "'year' is {year}, outside the plan's years ({years})",
    ),
    "diag_second_assessment": (
        "bản đánh giá thứ hai của nhiệm vụ {duty} cho năm {year} (bản thứ nhất ở {first})",
        "a second assessment of duty {duty} for {year} (first at {first})",
    ),
    "diag_no_unit": (
        "'{field}' không có đơn vị; mỗi số liệu cần một trong các đơn vị: {units}",
        "'{field}' has no unit; every figure needs one of: {units}",
    ),
    "diag_when": ("'{field}' {problem}", "'{field}' {problem}"),
    "diag_when_forms": (
        "một ngày, một tháng hoặc một năm (2025-06-12, 2025-06 hoặc 2025)",
        "a day, a month or a year (2025-06-12, 2025-06 or 2025)",
    ),
    "diag_when_not_form": ("là '{value}', không phải là {forms}", "is '{value}', which is not {forms}"),
    "diag_when_period_extra": (
        "có '{key}'; một khoảng thời gian chỉ có 'from' và 'to'",
        "has '{key}'; a period has only 'from' and 'to'",
    ),
    "diag_when_period_missing": ("là một khoảng thời gian nhưng thiếu '{key}'", "is a period without '{key}'"),
    "diag_when_point_not_text": ("có '{key}' không phải là {forms}", "has a '{key}' that is not {forms}"),
    "diag_when_point_bad": ("có '{key}: {text}', không phải là {forms}", "has '{key}: {text}', which is not {forms}"),
    "diag_when_ends_before": ("kết thúc ({end}) trước khi bắt đầu ({start})", "ends ({end}) before it starts ({start})"),
    "diag_when_bad_shape": (
        "phải là {forms}, hoặc một khoảng thời gian {{from: …, to: …}}",
        "must be {forms}, or a period {{from: …, to: …}}",
    ),
    "diag_bad_url": (
        "'{field}' là '{value}', không phải là địa chỉ web (http:// hoặc https://)",
        "'{field}' is '{value}', which is not a web address (http:// or https://)",
    ),
    "diag_not_web_address": ("không phải là địa chỉ web", "not a web address"),
    "diag_no_source_short": ("không có nguồn", "no source"),
    "diag_source_needs": (
        "'{field}' cần có 'url' công khai hoặc 'document' (reference, date, issuer)",
        "'{field}' needs a public 'url' or a 'document' (reference, date, issuer)",
    ),
    "diag_no_source": (
        "thiếu 'source': hãy ghi 'url' công khai hoặc 'document' (reference, date, issuer)",
        "no 'source': give a public 'url' or a 'document' (reference, date, issuer)",
    ),
    "diag_agency_or_body": (
        "cần có 'agency' hoặc 'body', nhưng không được có cả hai",
        "needs either 'agency' or 'body', not both",
    ),
    "diag_assessed_by": ("'{field}' {problem}", "'{field}' {problem}"),
    # the as-of date (generator/data/status.py)
    "diag_as_of_not_date": (
        "--as-of '{value}' không phải là ngày hợp lệ (YYYY-MM-DD)",
        "--as-of '{value}' is not a date (YYYY-MM-DD)",
    ),
    "diag_epoch_not_number": (
        "SOURCE_DATE_EPOCH '{value}' không phải là số nguyên giây tính từ năm 1970",
        "SOURCE_DATE_EPOCH '{value}' is not a whole number of seconds since 1970",
    ),
}
_LABELS.update(_DIAG)  # every key starts with "diag_", which no other label does
#: The keys of the data's diagnostics (tests check both languages of each).
DIAG_KEYS = tuple(_DIAG)

#: Short names of the plan's sections, as the site's front page words them.
SECTION_NAMES: dict[str, tuple[str, str]] = {
    "A": ("Nội luật hóa và hoàn thiện pháp luật", "Domestic law"),
    "B": ("Thực thi pháp luật về chống tra tấn", "Applying the law"),
    "C": ("Tuyên truyền, phổ biến, giáo dục", "Public awareness"),
    "D": ("Hợp tác quốc tế", "International cooperation"),
    "Đ": ("Nghĩa vụ báo cáo", "Reporting obligations"),
}


#: Each language's name in itself (the language switcher, the 404 page at the root).
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def labels_with_prefix(prefix: str, lang: str) -> dict[str, str]:
    """Every label whose key starts with ``prefix``, by the rest of its key, in ``lang``
    (placeholders left in: a template or script fills them)."""
    return {key[len(prefix):]: raw_label(key, lang) for key in _LABELS if key.startswith(prefix)}


def label(key: str, lang: str, /, **values) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``.

    A label that depends on a number is a mapping of CLDR plural categories
    ("one", "other"...) to texts; ``count`` picks the form by the language's
    plural rule (Babel). ``month`` also provides ``month_name`` in the language.
    """
    vi, en = _LABELS[key]
    text = en if lang == "en" else vi
    if isinstance(text, dict):
        text = text[_plural_category(lang, values["count"])]
    if "month" in values:
        values.setdefault("month_name", month_name(int(values["month"]), lang))
    return text.format(**values) if values else text


@functools.lru_cache(maxsize=4096)
def _plural_category(lang: str, count) -> str:
    """The CLDR plural category of ``count`` in ``lang`` ("one", "other"...), by Babel's rule.

    Remembered: pages ask it for the same small numbers tens of thousands of times, and
    parsing the locale and evaluating the rule each time cost more than the rest of a page.
    """
    return Locale.parse(LOCALES[lang]).plural_form(count)


@functools.lru_cache(maxsize=64)
def month_name(month: int, lang: str) -> str:
    """The month's name in ``lang`` as it stands in a date ("June"; "tháng 6").

    Remembered, as the dates below: Babel parses the locale on every call, and the
    activity records ask for the same few hundred dates tens of thousands of times."""
    return get_month_names("wide", "format", locale=LOCALES[lang])[month]


#: The CLDR locale of each language: British English, as the glossary spells.
LOCALES = {"vi": "vi", "en": "en_GB"}


@functools.lru_cache(maxsize=8192)
def long_date(day: datetime.date, lang: str) -> str:
    """A date written out for readers: "12 June 2025", "12 tháng 6, 2025"."""
    return format_date(day, "long", locale=LOCALES[lang])


def decimal(value: float, lang: str) -> str:
    """``value`` with one decimal, as ``lang`` writes it ("12.3"; "12,3")."""
    return format_decimal(value, format="0.0", locale=LOCALES[lang])


def raw_label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` with its ``{placeholders}`` left in, for the caller to fill
    (the handbooks place data between its parts as separate text runs)."""
    vi, en = _LABELS[key]
    text = en if lang == "en" else vi
    if isinstance(text, dict):
        raise ValueError(f"{key!r} has plural forms: use label() with a count")
    return text
