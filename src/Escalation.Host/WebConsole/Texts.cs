using System.Globalization;
using System.Text.RegularExpressions;
using Escalation.Domain;
using Escalation.Domain.Reference;
using Escalation.Host.Api;
using Escalation.Projections.Statistics;

namespace Escalation.Host.WebConsole;

/// <summary>
/// The console's words in Chinese (the default) and English, and the names, times and durations it shows, in the
/// language of the request. Reference data carries both names of each unit, department, matter and user.
/// </summary>
public sealed partial class Texts(ReferenceData reference)
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string key] => Table.TryGetValue(key, out var text) ? English ? text.En : text.Zh : key;

    public string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, this[key], args);

    public string Of<TEnum>(TEnum value) where TEnum : struct, Enum => this[Key(value)];

    public static string Key<TEnum>(TEnum value) where TEnum : struct, Enum => $"{typeof(TEnum).Name}.{Fields.Name(value)}";

    public string Unit(string? code) => reference.FindUnit(code) is { } unit ? English ? unit.NameEn : unit.NameZh
        : reference.FindDepartment(code) is { } department ? English ? department.NameEn : department.NameZh
        : code ?? "";

    public string Matter(string? code) => reference.FindMatter(code) is { } matter ? English ? matter.NameEn : matter.NameZh : this["uncategorised"];

    public string User(string? id) => reference.FindUser(id) is { } user ? English ? user.NameEn : user.NameZh : id ?? "";

    /// <summary>A unit with the units above it up to the township, as people say where a place is: 城关镇 · 新发村.</summary>
    public string Place(string code) =>
        string.Join(" · ", reference.SelfAndAncestors(code).TakeWhile(u => u.Kind != UnitKind.County).Reverse().Select(u => English ? u.NameEn : u.NameZh));

    /// <summary>Times are shown in China time, whatever the server's zone.</summary>
    public static string Time(DateTimeOffset? at) => at?.ToOffset(StatisticFacts.ChinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Time left before a deadline, or how late it is: "2天3小时" / "overdue 5 h 10 min".</summary>
    public string Remaining(DateTimeOffset deadline, DateTimeOffset now)
    {
        var left = deadline - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1 ? Format("duration.days", (int)span.TotalDays, span.Hours)
            : span.TotalHours >= 1 ? Format("duration.hours", (int)span.TotalHours, span.Minutes)
            : Format("duration.minutes", Math.Max(1, (int)Math.Ceiling(span.TotalMinutes)));
        return left >= TimeSpan.Zero ? Format("remaining.left", text) : Format("remaining.overdue", text);
    }

    /// <summary>A length of time: "2小时10分" / "2 h 10 min".</summary>
    public string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? Format("duration.days", (int)span.TotalDays, span.Hours)
        : span.TotalHours >= 1 ? Format("duration.hours", (int)span.TotalHours, span.Minutes)
        : Format("duration.minutes", Math.Max(0, (int)Math.Round(span.TotalMinutes)));

    /// <summary>A field's reason from the API's checks, in the user's language.</summary>
    public string Reason(string reason)
    {
        if (!English)
        {
            foreach (var (pattern, zh) in ReasonsZh)
            {
                var match = pattern.Match(reason);
                if (match.Success)
                    return string.Format(CultureInfo.InvariantCulture, zh, match.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray());
            }
        }
        return reason;
    }

    /// <summary>The rule that refused a command, in the user's language (the domain's own message in English).</summary>
    public string Rule(string? code, string? message) =>
        code is not null && Table.TryGetValue($"rule.{code}", out var text) ? English ? message ?? text.En : text.Zh : message ?? "";

    /// <summary>The reasons the API's field checks give, by their English wording.</summary>
    private static readonly (Regex Pattern, string Zh)[] ReasonsZh =
    [
        (RequiredChoice(), "必填。"),
        (Required(), "必填。"),
        (TooLong(), "最多 {0} 个字。"),
        (ControlCharacters(), "不能含控制字符。"),
        (OneOf(), "请从列表中选择。"),
        (Departments(), "请选择 {0} 至 {1} 个部门。"),
    ];

    [GeneratedRegex(@"^is required: ")] private static partial Regex RequiredChoice();
    [GeneratedRegex(@"^is required\.$")] private static partial Regex Required();
    [GeneratedRegex(@"^must be at most (\d+) characters long\.$")] private static partial Regex TooLong();
    [GeneratedRegex(@"^must not contain control characters\.$")] private static partial Regex ControlCharacters();
    [GeneratedRegex(@"^must be one of ")] private static partial Regex OneOf();
    [GeneratedRegex(@"^must name (\d+) to (\d+) departments\.$")] private static partial Regex Departments();

    public static IReadOnlyDictionary<string, (string Zh, string En)> Table { get; } = new Dictionary<string, (string, string)>
    {
        ["app.name"] = ("接诉即办 · 吹哨报到", "Escalation"),
        ["language.switch"] = ("English", "中文"),
        ["nav.intake"] = ("受理", "Intake"),
        ["nav.inbox"] = ("待办", "Inbox"),
        ["nav.mine"] = ("我受理的工单", "My tickets"),
        ["nav.tickets"] = ("工单", "Tickets"),
        ["nav.board"] = ("看板", "Board"),
        ["nav.signout"] = ("退出", "Sign out"),
        ["signin.title"] = ("登录", "Sign in"),
        ["signin.lead"] = ("以样例县的用户身份登录（与 API 相同的用户和角色）。", "Sign in as a user of the sample county (the same users and roles as the API)."),
        ["signin.user"] = ("用户", "User"),
        ["signin.submit"] = ("登录", "Sign in"),
        ["signin.unknown"] = ("没有这个用户。", "There is no such user."),
        ["denied.title"] = ("无权访问", "Not allowed"),
        ["denied.lead"] = ("您的角色不能打开这个页面。", "Your role may not open this page."),
        ["notfound.title"] = ("找不到工单", "No such ticket"),
        ["notfound.lead"] = ("这张工单不存在，或不在您的职责范围内。", "This ticket does not exist, or is not yours to see."),
        ["Role.operator"] = ("话务员", "Hotline operator"),
        ["Role.dispatcher"] = ("调度员", "Dispatcher"),
        ["Role.department"] = ("部门经办人", "Department handler"),
        ["Role.auditor"] = ("审计员", "Auditor"),
        ["Role.administrator"] = ("管理员", "Administrator"),

        ["intake.title"] = ("受理来电", "Take a request"),
        ["intake.channel"] = ("渠道", "Channel"),
        ["intake.citizenName"] = ("来电人", "Caller"),
        ["intake.citizenPhone"] = ("电话", "Phone"),
        ["intake.place"] = ("地点（村、社区或网格）", "Place (village, community or grid)"),
        ["intake.place.hint"] = ("输入名称搜索", "Type a name to search"),
        ["intake.address"] = ("详细地址", "Address"),
        ["intake.category"] = ("事项类别", "Category"),
        ["intake.category.hint"] = ("输入名称搜索，可留空由乡镇分类", "Type to search; leave empty for the township to categorise"),
        ["intake.urgency"] = ("紧急程度", "Urgency"),
        ["intake.description"] = ("诉求内容", "Description"),
        ["intake.submit"] = ("提交工单", "Open the ticket"),
        ["intake.shortcut"] = ("Ctrl+Enter 提交", "Ctrl+Enter submits"),
        ["intake.created"] = ("工单已创建，编号：", "Ticket opened, number:"),
        ["intake.heldBy"] = ("已派至 {0} 分类派单。", "Sent to {0} for triage."),
        ["intake.unknownPlace"] = ("找不到这个地点：请从列表中选择。", "No such place: choose one from the list."),
        ["intake.unknownCategory"] = ("找不到这个类别：请从列表中选择。", "No such category: choose one from the list."),
        ["intake.duplicates"] = ("可能重复：同一网格（或村）同类事项的在办工单", "Possible duplicates: open tickets of the same category in the same grid (or village)"),
        ["intake.noDuplicates"] = ("未发现同类在办工单。", "No open ticket of this category here."),

        ["inbox.title"] = ("待办工单", "Open tickets"),
        ["inbox.mine.title"] = ("我受理的工单", "Tickets I opened"),
        ["inbox.empty"] = ("没有待办工单。", "Nothing to do."),
        ["inbox.filter.all"] = ("全部", "All"),
        ["inbox.filter.yellow"] = ("黄灯", "Yellow"),
        ["inbox.filter.red"] = ("红灯", "Red"),
        ["inbox.count"] = ("共 {0} 张", "{0} tickets"),
        ["inbox.more"] = ("仅显示按期限排序的前 {0} 张。", "Showing the first {0} by deadline."),
        ["col.light"] = ("灯", "Light"),
        ["col.deadline"] = ("期限", "Deadline"),
        ["col.ticket"] = ("工单", "Ticket"),
        ["col.category"] = ("类别", "Category"),
        ["col.place"] = ("地点", "Place"),
        ["col.status"] = ("状态", "Status"),
        ["col.holder"] = ("承办", "Held by"),
        ["col.reported"] = ("受理时间", "Reported"),
        ["col.actions"] = ("操作", "Actions"),
        ["col.yellow"] = ("黄灯", "Yellow"),
        ["col.red"] = ("红灯", "Red"),
        ["col.unit"] = ("单位", "Unit"),
        ["col.department"] = ("部门", "Department"),
        ["actions.open"] = ("办理", "Act"),
        ["missed"] = ("曾超时", "Missed a limit"),
        ["noClock"] = ("无计时", "No clock"),

        ["ticket.title"] = ("工单详情", "Ticket"),
        ["ticket.number"] = ("编号", "Number"),
        ["ticket.description"] = ("诉求", "Request"),
        ["ticket.citizen"] = ("来电人", "Caller"),
        ["ticket.citizen.erased"] = ("个人信息已删除", "Personal data erased"),
        ["ticket.channel"] = ("渠道", "Channel"),
        ["ticket.urgency"] = ("紧急程度", "Urgency"),
        ["ticket.address"] = ("地址", "Address"),
        ["ticket.clocks"] = ("时限", "Time limits"),
        ["ticket.whistles"] = ("吹哨", "Whistles"),
        ["ticket.reportedIn"] = ("已报到", "Reported in"),
        ["ticket.notYet"] = ("未报到", "Not yet"),
        ["ticket.returnedBy"] = ("退回", "Returned"),
        ["ticket.onSite"] = ("到场", "on site"),
        ["ticket.remote"] = ("远程", "remotely"),
        ["ticket.resolution"] = ("办理结果", "Resolution"),
        ["ticket.rating"] = ("评价", "Rating"),
        ["ticket.timeline"] = ("时间线与审计", "Timeline and audit"),
        ["ticket.running"] = ("计时中", "running"),
        ["ticket.stopped"] = ("已停止", "stopped"),
        ["ticket.version"] = ("版本", "Version"),
        ["Clock.accept"] = ("签收时限", "To accept"),
        ["Clock.resolve"] = ("办结时限", "To resolve"),
        ["Clock.report-in"] = ("报到时限", "To report in"),
        ["Clock.extension-review"] = ("审核时限", "To review a request"),
        ["Clock.pause"] = ("挂起至", "Paused until"),
        ["Clock.triage"] = ("派单时限", "To triage"),
        ["Clock.case"] = ("全案时限（受理至反馈）", "Whole case (report to feedback)"),

        ["act.triage"] = ("分类派单", "Triage"),
        ["act.accept"] = ("签收", "Accept"),
        ["act.return"] = ("退单", "Return"),
        ["act.escalate"] = ("上交", "Escalate"),
        ["act.whistle"] = ("吹哨", "Blow the whistle"),
        ["act.reportIn"] = ("报到", "Report in"),
        ["act.returnSummons"] = ("退回吹哨", "Return the summons"),
        ["act.progress"] = ("记录进展", "Note progress"),
        ["act.resolve"] = ("办结", "Resolve"),
        ["act.rate"] = ("回访评价", "Rate on callback"),
        ["act.close"] = ("结案", "Close"),
        ["act.requestExtension"] = ("申请延期", "Ask for an extension"),
        ["act.reviewExtension"] = ("审核延期", "Review the extension"),
        ["field.clock"] = ("时限", "Limit"),
        ["field.addedTime"] = ("延长（如“2 days”“1 working day”）", "Add (e.g. \"2 days\", \"1 working day\")"),
        ["field.approve"] = ("审核意见", "Decision"),
        ["review.approve"] = ("同意", "Approve"),
        ["review.refuse"] = ("不同意", "Refuse"),
        ["ticket.extension"] = ("延期申请", "Extension asked"),
        ["detail.extension"] = ("{0} 延至 {1}", "{0} to {1}"),
        ["act.requestPause"] = ("申请挂起", "Ask to pause"),
        ["act.reviewPause"] = ("审核挂起", "Review the pause"),
        ["act.resume"] = ("恢复计时", "Resume"),
        ["field.awaiting"] = ("等待", "Waiting for"),
        ["ticket.pause"] = ("挂起申请", "Pause asked"),
        ["ticket.paused"] = ("已挂起", "Paused"),
        ["ticket.pausedTotal"] = ("累计挂起", "Paused in all"),
        ["detail.pause"] = ("{0}，最迟至 {1}", "{0}, until {1} at the latest"),
        ["detail.paused"] = ("挂起 {0}", "paused {0}"),
        ["field.reasonCode"] = ("退单原因", "Why"),
        ["ReturnReason.wrong-place"] = ("非本辖区", "wrong place"),
        ["ReturnReason.not-our-powers"] = ("非本单位职权", "not within our powers"),
        ["ReturnReason.duplicate"] = ("重复工单", "duplicate"),
        ["ReturnReason.insufficient-information"] = ("信息不全", "insufficient information"),
        ["field.category"] = ("类别", "Category"),
        ["field.unit"] = ("派往单位（留空按事项派往本级）", "Send to unit (empty: by the matter)"),
        ["field.reason"] = ("理由", "Reason"),
        ["field.note"] = ("说明", "Note"),
        ["field.summary"] = ("办理结果", "Summary"),
        ["field.departments"] = ("部门", "Departments"),
        ["field.onSite"] = ("方式", "How"),
        ["field.rating"] = ("评价", "Rating"),
        ["field.comment"] = ("意见", "Comment"),
        ["field.escalationReason"] = ("上交原因", "Why"),
        ["done"] = ("已完成：{0}", "Done: {0}"),
        ["conflict"] = ("有人先一步处理了这张工单，页面已刷新为最新状态。请核对后重新提交；您填写的内容已保留。", "Someone else acted on this ticket first; the page now shows it as it is. Check it and send again: what you typed is kept."),
        ["problem"] = ("未能完成：{0}", "Could not do it: {0}"),
        ["forbidden"] = ("您的角色无权执行此操作。", "Your role may not do this."),
        ["fix"] = ("请更正标出的字段。", "Please correct the marked fields."),

        ["board.title"] = ("亮灯看板", "Warning board"),
        ["board.unit"] = ("单位", "Unit"),
        ["board.days"] = ("天数", "Days"),
        ["board.show"] = ("显示", "Show"),
        ["board.lights"] = ("{0}：黄灯 {1}，红灯 {2}", "{0}: {1} yellow, {2} red"),
        ["board.units"] = ("下辖单位", "Units below"),
        ["board.departments"] = ("部门", "Departments"),
        ["board.rates"] = ("各项率（按日）", "Rates by day"),
        ["board.ranking"] = ("本月排名", "This month's ranking"),
        ["board.noData"] = ("所选期间没有数据。", "No figures in this period."),
        ["rate.response"] = ("响应率", "Response"),
        ["rate.resolution"] = ("解决率", "Resolution"),
        ["rate.closure"] = ("办结率", "Closure"),
        ["rate.satisfaction"] = ("满意率", "Satisfaction"),
        ["rate.reportIn"] = ("报到率", "Report-in"),
        ["rate.reported"] = ("受理量", "Reported"),

        ["audit.title"] = ("工单时间线", "Case timeline"),
        ["audit.chain.valid"] = ("哈希链完整：{0} 个事件均未被改动。", "Hash chain intact: none of the {0} events was altered."),
        ["audit.chain.broken"] = ("哈希链断裂：第 {0} 个事件（{1}）{2}。", "Hash chain broken at event {0} ({1}): it {2}."),
        ["audit.chain.streamBroken"] = ("哈希链断裂：{0}。", "Hash chain broken: {0}."),
        ["chain.altered"] = ("的内容、类型、记录时间或哈希被改动", "had its data, type, recorded time or hash changed"),
        ["chain.missing"] = ("缺失（已被删除）", "is missing (deleted)"),
        ["chain.archived"] = ("被归档，历史和回放中已看不到", "was archived, which hides it from the history and the replay"),
        ["chain.beyond-stream"] = ("超出流记录的版本（流的版本被调低）", "lies beyond the stream's version (the version was lowered)"),
        ["chain.stream-archived"] = ("整个事件流被归档", "the whole event stream was archived"),
        ["chain.no-stream"] = ("事件流的记录已被删除", "the event stream's row was deleted"),
        ["audit.version"] = ("查看第几个事件时的状态", "Show the case as of event"),
        ["audit.show"] = ("回放", "Replay"),
        ["audit.asOf"] = ("第 {0} / {1} 个事件时（{2}）的工单", "The case as of event {0} of {1} ({2})"),
        ["audit.col.version"] = ("#", "#"),
        ["audit.col.time"] = ("时间", "Time"),
        ["audit.col.event"] = ("事件", "Event"),
        ["audit.col.actor"] = ("操作人", "By"),
        ["audit.col.detail"] = ("内容", "Detail"),
        ["audit.system"] = ("系统（计时器）", "System (timer)"),
        ["audit.replayHere"] = ("回放到此", "Replay to here"),
        ["audit.timerTimes"] = ("系统（计时器）事件的时间是计时器实际触发的时间，可能晚于它的到期时间；亮灯的内容写明期限。",
            "A timer's events show the time the timer fired, which can be later than it fell due; a warning light's detail gives the deadline."),

        ["event.TicketReported"] = ("受理", "Reported"),
        ["event.TicketTriaged"] = ("分类派单", "Triaged"),
        ["event.TicketAccepted"] = ("签收", "Accepted"),
        ["event.TicketReturned"] = ("退单", "Returned"),
        ["event.TicketEscalated"] = ("上交", "Escalated"),
        ["event.TicketTransferred"] = ("转办", "Transferred"),
        ["event.WhistleBlown"] = ("吹哨", "Whistle blown"),
        ["event.DepartmentReportedIn"] = ("报到", "Reported in"),
        ["event.ProgressNoted"] = ("进展", "Progress"),
        ["event.TicketResolved"] = ("办结", "Resolved"),
        ["event.CitizenRated"] = ("回访评价", "Rated"),
        ["event.TicketReopened"] = ("重办", "Reopened"),
        ["event.TicketUrged"] = ("督办", "Urged"),
        ["event.TicketClosed"] = ("结案", "Closed"),
        ["event.TicketMergedInto"] = ("合并入", "Merged into"),
        ["event.DuplicateAttached"] = ("合并重复件", "Duplicate attached"),
        ["event.TicketWithdrawn"] = ("撤回", "Withdrawn"),
        ["event.CitizenDataErased"] = ("删除个人信息", "Personal data erased"),
        ["event.TimeLimitStarted"] = ("开始计时", "Time limit started"),
        ["event.WarningLightLit"] = ("亮灯", "Warning light"),
        ["event.ReportInMissed"] = ("未按时报到", "Report-in missed"),
        ["event.ExtensionRequested"] = ("申请延期", "Extension requested"),
        ["event.ExtensionApproved"] = ("同意延期", "Extension approved"),
        ["event.ExtensionRefused"] = ("不同意延期", "Extension refused"),
        ["event.PauseRequested"] = ("申请挂起", "Pause requested"),
        ["event.PauseApproved"] = ("同意挂起", "Pause approved"),
        ["event.PauseRefused"] = ("不同意挂起", "Pause refused"),
        ["event.TicketResumed"] = ("恢复计时", "Resumed"),
        ["PauseAwaiting.citizen"] = ("等待群众", "awaiting the citizen"),
        ["PauseAwaiting.third-party"] = ("等待第三方", "awaiting a third party"),
        ["detail.to"] = ("至 {0}", "to {0}"),
        ["detail.deadline"] = ("{0}，期限 {1}", "{0}, deadline {1}"),
        ["detail.light"] = ("{0}：{1}，期限 {2}", "{0}: {1}, deadline {2}"),
        ["detail.departments"] = ("部门：{0}", "Departments: {0}"),

        ["TicketStatus.reported"] = ("待分类", "Awaiting triage"),
        ["TicketStatus.dispatched"] = ("待签收", "Awaiting acceptance"),
        ["TicketStatus.in-handling"] = ("办理中", "In handling"),
        ["TicketStatus.resolved"] = ("已办结待回访", "Resolved, awaiting callback"),
        ["TicketStatus.closed"] = ("已结案", "Closed"),
        ["TicketStatus.withdrawn"] = ("已撤回", "Withdrawn"),
        ["TicketStatus.merged"] = ("已合并", "Merged"),
        ["Channel.hotline"] = ("12345热线", "12345 hotline"),
        ["Channel.grid-worker"] = ("网格员", "Grid worker"),
        ["Channel.app"] = ("App", "App"),
        ["Channel.walk-in"] = ("来访", "Walk-in"),
        ["Channel.letter"] = ("来信", "Letter"),
        ["Urgency.normal"] = ("一般", "Normal"),
        ["Urgency.urgent"] = ("紧急", "Urgent"),
        ["Urgency.emergency"] = ("特急", "Emergency"),
        ["Satisfaction.satisfied"] = ("满意", "Satisfied"),
        ["Satisfaction.basically-satisfied"] = ("基本满意", "Basically satisfied"),
        ["Satisfaction.unsatisfied"] = ("不满意", "Unsatisfied"),
        ["EscalationReason.deadline-missed"] = ("超时未办", "Deadline missed"),
        ["EscalationReason.beyond-powers"] = ("超出本级职权", "Beyond this tier's powers"),
        ["EscalationReason.citizen-unsatisfied"] = ("群众不满意", "Citizen unsatisfied"),
        ["EscalationReason.by-hand"] = ("其他原因", "Other reason"),
        ["WarningLight.none"] = ("无", "None"),
        ["WarningLight.yellow"] = ("黄灯", "Yellow"),
        ["WarningLight.red"] = ("红灯", "Red"),
        ["Light.yellow"] = ("黄灯", "Yellow"),
        ["Light.red"] = ("红灯", "Red"),
        ["ClosedBecause.rated"] = ("已评价", "Rated"),
        ["ClosedBecause.rating-window-expired"] = ("回访期满", "Rating window expired"),
        ["ClosedBecause.with-master"] = ("随主件结案", "Closed with its master"),
        ["yes"] = ("是", "Yes"),
        ["no"] = ("否", "No"),
        ["uncategorised"] = ("未分类", "Uncategorised"),
        ["duration.days"] = ("{0}天{1}小时", "{0} d {1} h"),
        ["duration.hours"] = ("{0}小时{1}分", "{0} h {1} min"),
        ["duration.minutes"] = ("{0}分钟", "{0} min"),
        ["remaining.left"] = ("剩 {0}", "{0} left"),
        ["remaining.overdue"] = ("超时 {0}", "overdue {0}"),

        [$"rule.{RuleCodes.InvalidState}"] = ("工单当前状态不允许此操作。", "The ticket's state does not allow this."),
        [$"rule.{RuleCodes.TicketMerged}"] = ("工单已合并到另一张工单。", "The ticket was merged into another."),
        [$"rule.{RuleCodes.TicketNotHeldByUnit}"] = ("工单不在本单位。", "Your unit does not hold the ticket."),
        [$"rule.{RuleCodes.NotHolderOrAbove}"] = ("只有承办单位或其上级可以这样做。", "Only the holder or a unit above it may do this."),
        [$"rule.{RuleCodes.NotAboveHolder}"] = ("只有承办单位的上级可以这样做。", "Only a unit above the holder may do this."),
        [$"rule.{RuleCodes.NotHolderOrSummoned}"] = ("只有承办单位或被吹哨的部门可以这样做。", "Only the holder or a summoned department may do this."),
        [$"rule.{RuleCodes.DescriptionRequired}"] = ("请填写诉求内容。", "A description is required."),
        [$"rule.{RuleCodes.DescriptionTooLong}"] = ("诉求内容太长。", "The description is too long."),
        [$"rule.{RuleCodes.AddressTooLong}"] = ("地址太长。", "The address is too long."),
        [$"rule.{RuleCodes.CitizenNameTooLong}"] = ("姓名太长。", "The name is too long."),
        [$"rule.{RuleCodes.ImplausiblePhone}"] = ("电话号码不像真实号码。", "The phone number does not look real."),
        [$"rule.{RuleCodes.ReasonRequired}"] = ("请填写理由。", "A reason is required."),
        [$"rule.{RuleCodes.NoteRequired}"] = ("请填写说明。", "A note is required."),
        [$"rule.{RuleCodes.SummaryRequired}"] = ("请填写办理结果。", "A summary is required."),
        [$"rule.{RuleCodes.LocationRequired}"] = ("请选择地点。", "A place is required."),
        [$"rule.{RuleCodes.UnknownLocation}"] = ("找不到这个地点。", "There is no such place."),
        [$"rule.{RuleCodes.GridNotInVillage}"] = ("该网格不属于这个村。", "The grid is not in that village."),
        [$"rule.{RuleCodes.UnknownCategory}"] = ("找不到这个类别。", "There is no such category."),
        [$"rule.{RuleCodes.HandlingUnitOutsideLocation}"] = ("派往单位不在工单所在地。", "The unit is not where the ticket is."),
        [$"rule.{RuleCodes.UnknownDepartment}"] = ("没有这个部门。", "There is no such department."),
        [$"rule.{RuleCodes.DepartmentLacksPower}"] = ("该部门对此事项没有职权。", "That department has no powers over this matter."),
        [$"rule.{RuleCodes.TopTierReached}"] = ("已是最高层级，不能再上交。", "The ticket is at the top tier already."),
        [$"rule.{RuleCodes.EscalationReasonReserved}"] = ("“超时未办”由计时器自动上交，不能手动选择。", "\"Deadline missed\" is the timers' own reason."),
        [$"rule.{RuleCodes.OnlyCountyTransfers}"] = ("只有县级可以转办部门。", "Only the county transfers to departments."),
        [$"rule.{RuleCodes.NoDispatcherToReturnTo}"] = ("没有可退回的派单单位。", "There is no dispatcher to return it to."),
        [$"rule.{RuleCodes.WhistleOnlyByTownshipOrCounty}"] = ("只有乡镇（街道）或县级可以吹哨。", "Only a township, street or the county blows the whistle."),
        [$"rule.{RuleCodes.DepartmentsRequired}"] = ("请至少选择一个部门。", "Choose at least one department."),
        [$"rule.{RuleCodes.DuplicateDepartment}"] = ("同一部门选了两次。", "A department is named twice."),
        [$"rule.{RuleCodes.UnknownWhistle}"] = ("没有这次吹哨。", "There is no such whistle."),
        [$"rule.{RuleCodes.DepartmentNotSummoned}"] = ("本部门未被吹哨。", "Your department was not summoned."),
        [$"rule.{RuleCodes.SummonsAlreadyAnswered}"] = ("本部门已经响应过这次吹哨。", "Your department answered this whistle already."),
        [$"rule.{RuleCodes.AlreadyRated}"] = ("这次办结已经评价过。", "This resolution was rated already."),
        [$"rule.{RuleCodes.RatingWindowOpen}"] = ("群众尚未回访评价，回访期内不能结案。", "The citizen has not rated it and may still do so."),
        [$"rule.{RuleCodes.MergeIntoItself}"] = ("不能合并到自身。", "A ticket cannot merge into itself."),
        [$"rule.{RuleCodes.MasterNotOpen}"] = ("主件已不在办理中。", "The master ticket is not open."),
        [$"rule.{RuleCodes.CitizenDataAlreadyErased}"] = ("个人信息已删除。", "The personal data was erased already."),
        [$"rule.{RuleCodes.IdempotencyKeyReused}"] = ("该请求编号已用于另一请求，请刷新后重新填写。", "This request key was used for another request: reload the form and fill it in again."),
        [$"rule.{RuleCodes.CalendarMissing}"] = ("时限将进入尚未配置工作日历的年份，请管理员先添加该年日历。", "The time limit would run into a year with no business calendar: an administrator must add that year's calendar first."),

        // Extensions (延期) and pauses (挂起) of time limits.
        [$"rule.{RuleCodes.ClockNotExtensible}"] = ("只能申请延长签收、办结或报到时限。", "Only a limit to accept, to resolve or to report in can be extended."),
        [$"rule.{RuleCodes.NoRunningLimit}"] = ("本单位在该工单上没有正在计时的此类时限。", "Your unit holds no running limit of that kind on the ticket."),
        [$"rule.{RuleCodes.LimitPassed}"] = ("时限已过，延期须在到期前申请。", "The limit has passed: an extension must be asked for before it does."),
        [$"rule.{RuleCodes.ExtensionDeadlineRequired}"] = ("请填写新的期限或延长的时间。", "Give the new deadline or the time to add."),
        [$"rule.{RuleCodes.ExtensionNotLater}"] = ("新的期限须晚于现有期限。", "The new deadline must be later than the current one."),
        [$"rule.{RuleCodes.ExtensionTooLong}"] = ("延长的时间超过县里规定的上限。", "The extension is longer than the county allows."),
        [$"rule.{RuleCodes.ExtensionPending}"] = ("已有延期申请在审核中。", "An extension already awaits its review."),
        [$"rule.{RuleCodes.ExtensionsExhausted}"] = ("该工单的延期次数已达上限。", "The ticket was extended as often as the county allows."),
        [$"rule.{RuleCodes.NoExtensionPending}"] = ("没有待审核的延期申请。", "No extension awaits a review."),
        [$"rule.{RuleCodes.NotReviewer}"] = ("本单位不是该申请的审核单位。", "Your unit does not review this request."),
        [$"rule.{RuleCodes.AlreadyPaused}"] = ("工单已挂起。", "The ticket is paused already."),
        [$"rule.{RuleCodes.PausePending}"] = ("已有挂起申请在审核中。", "A pause already awaits its review."),
        [$"rule.{RuleCodes.PauseExhausted}"] = ("该工单的挂起时间已达上限。", "The case was paused as long as the county allows."),
        [$"rule.{RuleCodes.PauseEndNotLater}"] = ("挂起的结束时间须晚于现在。", "The pause must end later than now."),
        [$"rule.{RuleCodes.PauseTooLong}"] = ("挂起时间超过县里规定的上限。", "The pause is longer than the county allows."),
        [$"rule.{RuleCodes.NoPausePending}"] = ("没有待审核的挂起申请。", "No pause awaits a review."),
        [$"rule.{RuleCodes.NotPaused}"] = ("工单未挂起。", "The ticket is not paused."),
        [$"rule.{RuleCodes.ReturnWindowPassed}"] = ("已超过县里规定的退单时限。", "The county's window for returning this dispatch has closed."),
        // The callback desk (回访).
        ["Role.callback"] = ("回访员", "Callback operator"),
        ["Clock.callback"] = ("回访时限", "To call back"),
        ["Clock.rating-window"] = ("评价期（期满自动结案）", "Rating window (closes by itself)"),
        ["ClosedBecause.unreachable"] = ("回访未接通", "Citizen unreachable"),
        ["event.CallbackUnanswered"] = ("回访未接通", "Callback unanswered"),
        ["event.CitizenUnreachable"] = ("多次回访未接通", "Citizen unreachable"),
        [$"rule.{RuleCodes.CitizenUnreachable}"] = ("多次回访未接通，工单将不经评价结案。", "The citizen could not be reached; the ticket closes without a rating."),
        ["act.callBack"] = ("记录未接通", "Record an unanswered call"),
        ["field.solved"] = ("问题是否解决", "Was it solved?"),
        ["solved.yes"] = ("已解决", "Solved"),
        ["solved.no"] = ("未解决", "Not solved"),
        ["ticket.rated"] = ("已回访评价", "Rated"),
        ["ticket.callback"] = ("回访", "Callback"),
        ["ticket.unanswered"] = ("第 {0} 次回访未接通", "Call {0} unanswered"),
        ["ticket.unreachable"] = ("{0} 次回访未接通，不计入评价", "Unreachable after {0} calls; not counted as a rating"),

        // The league table and the bulletin.
        ["ranking.score"] = ("综合得分", "Score"),
        ["ranking.sample"] = ("样本（评价/派单）", "Sample (ratings/dispatches)"),
        ["ranking.sampleOf"] = ("{0}/{1}", "{0}/{1}"),
        ["standing.Ranked"] = ("排名", "Ranked"),
        ["standing.SmallSample"] = ("样本不足", "Small sample"),
        ["standing.NoData"] = ("无数据", "No data"),
        ["rate.satisfactionPerRating"] = ("满意率（按评价）", "Satisfaction per rating"),
        ["rate.satisfactionPerClosedCase"] = ("满意率（按结案）", "Satisfaction per closed case"),
        ["rate.confirmedResolution"] = ("群众认可解决率", "Citizen-confirmed resolution"),
        ["board.missedThisPeriod"] = ("本月超时", "Missed this month"),
        ["nav.bulletin"] = ("通报", "Bulletin"),
        ["bulletin.title"] = ("工作通报", "Bulletin"),
        ["bulletin.period"] = ("期间（月、周或日）", "Period (month, week or day)"),
        ["bulletin.xlsx"] = ("下载 Excel", "Download xlsx"),
        ["bulletin.print"] = ("打印", "Print"),
        ["bulletin.span"] = ("{0} 至 {1}，与上期 {2} 比较。", "From {0} to {1}, compared with {2}."),
        ["bulletin.rates"] = ("主要指标", "The rates"),
        ["bulletin.rate"] = ("指标", "Rate"),
        ["bulletin.formula"] = ("计算公式", "Formula"),
        ["bulletin.change"] = ("变化（百分点）", "Change (points)"),
        ["bulletin.responseRate"] = ("响应率", "Response rate"),
        ["bulletin.resolutionRate"] = ("解决率（单位自报）", "Resolution rate (the unit's own)"),
        ["bulletin.citizenConfirmedResolutionRate"] = ("群众认可解决率", "Citizen-confirmed resolution rate"),
        ["bulletin.closureRate"] = ("办结率", "Closure rate"),
        ["bulletin.closedInTimeRate"] = ("按时办结率", "Closed in time"),
        ["bulletin.satisfactionPerRatingRate"] = ("满意率（按评价）", "Satisfaction per rating"),
        ["bulletin.satisfactionPerClosedCaseRate"] = ("满意率（按结案）", "Satisfaction per closed case"),
        ["bulletin.reportInRate"] = ("报到率", "Report-in rate"),
        ["bulletin.counts"] = ("受理 {0} 件，结案 {1} 件，评价 {2} 件，回访未接通 {3} 件，到期自动结案 {4} 件，超时 {5} 次。", "{0} reported, {1} closed, {2} rated, {3} unreachable, {4} closed by the system, {5} deadlines missed."),
        ["bulletin.rankingRule"] = ("综合得分＝各项比率的加权平均；样本少于 {0} 的单位标为“样本不足”，不参与排名；得分相同者名次相同，按代码排列。", "Score = the weighted mean of the rates; a unit with a sample under {0} is marked \"small sample\" and not ranked; equal scores share a rank and stand in code order."),
        ["bulletin.below"] = ("得分低于 {0} 的单位", "Ranked below {0}"),
        ["bulletin.none"] = ("无", "None"),
        ["bulletin.hotspots"] = ("热点问题（地点 × 事项）", "Hotspots (place × matter)"),
        ["bulletin.count"] = ("件数", "Count"),
        // Notifications (docs/notifications.md): the bell, its page, the preferences and the ticket's notifications.
        ["nav.notifications"] = ("通知", "Notifications"),
        ["notifications.title"] = ("通知", "Notifications"),
        ["notifications.lead"] = ("本单位（部门）的通知，最新的在前；一人标为已读，全单位即为已读。", "Your unit's or department's notifications, newest first; one read by anyone of the unit is read for all of it."),
        ["notifications.empty"] = ("暂无通知。", "No notifications."),
        ["notifications.unread"] = ("未读", "Unread"),
        ["notifications.markRead"] = ("标为已读", "Mark read"),
        ["notifications.preferences"] = ("我接收的通知", "What I am told"),
        ["notifications.preferences.lead"] = ("取消勾选即不在通知中显示；县里规定必须接收的不能取消。", "Untick what you do not want in your notifications; what the county makes mandatory cannot be unticked."),
        ["notifications.mandatory"] = ("必须接收", "mandatory"),
        ["notifications.save"] = ("保存", "Save"),
        ["notifications.saved"] = ("已保存。", "Saved."),
        ["notifications.ticket"] = ("通知", "Notifications"),
        ["notifications.none"] = ("本工单尚无通知。", "This ticket has caused no notifications yet."),
        ["col.kind"] = ("类型", "Kind"),
        ["col.recipient"] = ("接收方", "Recipient"),
        ["col.channel"] = ("渠道", "Channel"),
        ["col.notificationStatus"] = ("状态", "Status"),
        ["col.time"] = ("时间", "Time"),
        ["NotificationKind.dispatched"] = ("派单", "Dispatched to you"),
        ["NotificationKind.transferred"] = ("转办", "Transferred to you"),
        ["NotificationKind.summoned"] = ("吹哨报到", "Summoned to report in"),
        ["NotificationKind.yellow-light"] = ("黄灯预警", "Yellow light"),
        ["NotificationKind.red-light"] = ("红灯预警", "Red light"),
        ["NotificationKind.red-light-above"] = ("下级红灯预警", "Red light below you"),
        ["NotificationKind.urged"] = ("督办", "Urged"),
        ["NotificationKind.returned"] = ("退单", "Returned to you"),
        ["NotificationKind.citizen-received"] = ("群众：已受理", "Citizen: received"),
        ["NotificationKind.citizen-resolved"] = ("群众：已办结", "Citizen: resolved"),
        ["NotificationStatus.queued"] = ("待发送", "Queued"),
        ["NotificationStatus.sent"] = ("已发送", "Sent"),
        ["NotificationStatus.failed"] = ("发送失败", "Failed"),
        ["NotificationStatus.read"] = ("已读", "Read"),
        ["channel.console"] = ("控制台", "Console"),
        ["channel.email"] = ("邮件", "E-mail"),
        ["channel.sms"] = ("短信", "Text message"),
        ["channel.webhook"] = ("Webhook", "Webhook"),
    };
}
