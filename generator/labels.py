"""The words the generated pages and handbooks put around the data, per language.

They follow the project glossary (lead agency, coordinating agencies,
annually...). Kept here rather than in gettext catalogues because they belong
to the generator, are few, and must be the same in the site and the handbooks.
"""

from __future__ import annotations

LANGUAGES = ("vi", "en")

_LABELS: dict[str, tuple[str, str]] = {
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
    "description": ("Mô tả", "Description"),
    "sections": ("Các mục của Kế hoạch", "Sections of the plan"),
    "featured": ("Trọng tâm: tuyên truyền, phổ biến, giáo dục", "Focus: public awareness"),
    "other_sections": ("Các mục khác của Kế hoạch", "The rest of the plan"),
    "group": ("Nhóm", "Group"),
    "duty_count": ("{count} nhiệm vụ", "{count} duties"),
    "open_data_title": ("Dữ liệu mở", "Open data"),
    "open_data_intro": (
        "Toàn bộ Kế hoạch dưới dạng dữ liệu, để tải về và dùng lại. Tệp CSV mở được bằng Excel; tệp lịch (iCalendar) nhập được vào lịch điện tử.",
        "The whole plan as data, to download and reuse. The CSV files open in Excel; the calendar files (iCalendar) import into calendar apps.",
    ),
    "file_duties_csv": ("Các nhiệm vụ (CSV)", "Duties (CSV)"),
    "file_agencies_csv": ("Các cơ quan (CSV)", "Agencies (CSV)"),
    "file_topics_csv": ("Các chủ đề (CSV)", "Topics (CSV)"),
    "file_plan_json": ("Toàn bộ Kế hoạch (JSON)", "The whole plan (JSON)"),
    "file_plan_ics": ("Lịch thời hạn của Kế hoạch (iCalendar)", "Calendar of the plan's deadlines (iCalendar)"),
    "agency_calendars": ("Lịch thời hạn theo cơ quan", "Deadlines calendar per agency"),
    "calendar_of": ("Lịch thời hạn của cơ quan (iCalendar)", "This agency's deadlines (iCalendar)"),
    "undated_note": (
        "{count} nhiệm vụ có thời hạn không gắn với ngày hay năm (khi có yêu cầu, theo quyết định, trước một sự kiện) nên không có trong lịch.",
        "{count} duties have a deadline with no date or year (on request, as set by a decision, before an event) and are not in the calendars.",
    ),
    "translation_title": ("Tình trạng bản dịch", "Translation status"),
    "translation_data": ("Nội dung Kế hoạch", "The plan's texts"),
    "translation_pages": ("Các trang giới thiệu", "Introductory pages"),
    "translated_of": ("{done} trên {total} đã dịch", "{done} of {total} translated"),
    "outdated_count": ("{count} bản dịch có thể chưa cập nhật", "{count} translations may be out of date"),
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
    "all_subpages": ("… xem cả {count} trang", "… see all {count} pages"),
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
    # schedule
    "recurring": ("Hàng năm", "Every year"),
    "in_year": ("Năm {year}", "In {year}"),
    "open_ended": ("Không theo năm cố định", "Not tied to a year"),
}

# -- the printed handbooks' own words (cover, contents, how to use it, booklets) --
# Placeholders such as {title} take data (a Text) and are filled as separate text
# runs by the handbook, never by str.format; see raw_label().
_PRINT: dict[str, tuple[str, str]] = {
    "kicker_full": ("Sổ tay tập huấn", "Trainer's handbook"),
    "kicker_parallel": ("Sổ tay song ngữ", "Bilingual handbook"),
    "kicker_agency": ("Nhiệm vụ theo cơ quan", "Duties by agency"),
    "kicker_topic": ("Nhiệm vụ theo chủ đề", "Duties by topic"),
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

#: Short names of the plan's sections, as the site's front page words them.
SECTION_NAMES: dict[str, tuple[str, str]] = {
    "A": ("Nội luật hóa và hoàn thiện pháp luật", "Domestic law"),
    "B": ("Thực thi pháp luật về chống tra tấn", "Applying the law"),
    "C": ("Tuyên truyền, phổ biến, giáo dục", "Public awareness"),
    "D": ("Hợp tác quốc tế", "International cooperation"),
    "Đ": ("Nghĩa vụ báo cáo", "Reporting obligations"),
}

_MONTHS_EN = (
    "January February March April May June July August September October November December".split()
)


def label(key: str, lang: str, **values) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    vi, en = _LABELS[key]
    text = en if lang == "en" else vi
    if "month" in values:
        values.setdefault("month_name", _MONTHS_EN[int(values["month"]) - 1])
    return text.format(**values) if values else text


def raw_label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang`` with its ``{placeholders}`` left in, for the caller to fill."""
    vi, en = _LABELS[key]
    return en if lang == "en" else vi


def month_name(month: int) -> str:
    """The English name of ``month`` (1-12)."""
    return _MONTHS_EN[month - 1]
