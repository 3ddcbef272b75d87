/* The site's one script (loaded deferred on every page; see generator/site/theme_bundle.py).
 *
 * It does, in plain JavaScript, what Bootstrap's and the book and pydata themes'
 * scripts (about 100 KB) did for these pages:
 *   - the colour mode menu (light, dark, device setting);
 *   - the navigation and page contents as dialogs on a phone, the navigation
 *     folded away on a wide screen;
 *   - the search dialog (also Ctrl+K / Cmd+K);
 *   - the back-to-top button, shown when scrolling back up;
 *   - the page-contents entry of the part being read;
 *   - keyboard access to a table wider than the screen.
 * Classes and attributes it sets are listed in generator/site/theme_markup.py, so
 * that the pruned CSS keeps their rules.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var $ = function (selector, scope) { return (scope || document).querySelector(selector); };
  var $$ = function (selector, scope) { return Array.prototype.slice.call((scope || document).querySelectorAll(selector)); };
  var script = document.currentScript;

  /* -- colour mode ------------------------------------------------------ */

  function applyMode(mode) {
    if (mode !== "light" && mode !== "dark") mode = "auto";
    root.dataset.mode = mode;
    root.dataset.theme = mode === "auto" ? (darkQuery && darkQuery.matches ? "dark" : "light") : mode;
    $$(".theme-change-button").forEach(function (button) {
      var on = button.dataset.mode === mode;
      button.classList.toggle("active", on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    $$(".dropdown-menu").forEach(function (menu) {
      menu.classList.toggle("dropdown-menu-dark", root.dataset.theme === "dark");
    });
  }

  function chooseMode(mode) {
    applyMode(mode);
    try { localStorage.setItem("mode", mode); } catch (e) { /* storage turned off */ }
  }

  if (darkQuery) {
    var follow = function () { if (root.dataset.mode === "auto") applyMode("auto"); };
    if (darkQuery.addEventListener) darkQuery.addEventListener("change", follow);
    else if (darkQuery.addListener) darkQuery.addListener(follow);
  }

  /* -- the colour mode menu (was Bootstrap's dropdown) ------------------- */

  function setupMenu(container) {
    var button = $(".dropdown-toggle", container);
    var menu = $(".dropdown-menu", container);
    if (!button || !menu) return;
    var items = $$("button", menu);
    var isOpen = function () { return menu.classList.contains("show"); };
    var show = function (open) {
      menu.classList.toggle("show", open);
      button.classList.toggle("show", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    };
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      show(!isOpen());
    });
    items.forEach(function (item) {
      item.addEventListener("click", function () {
        chooseMode(item.dataset.mode);
        show(false);
        button.focus();
      });
    });
    container.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) {
        event.preventDefault();
        show(false);
        button.focus();
      } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!isOpen()) show(true);
        var at = items.indexOf(document.activeElement);
        var next = event.key === "ArrowDown" ? at + 1 : (at < 0 ? items.length : at) - 1;
        items[(next + items.length) % items.length].focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (isOpen() && !container.contains(event.target)) show(false);
    });
    container.addEventListener("focusout", function (event) {
      if (isOpen() && event.relatedTarget && !container.contains(event.relatedTarget)) show(false);
    });
  }

  /* -- dialogs: search, and the sidebars on a phone ---------------------- */

  function closeOnBackdropClick(dialog) {
    dialog.addEventListener("click", function (event) {
      if (event.target !== dialog) return;
      var box = dialog.getBoundingClientRect();
      if (event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom) {
        dialog.close();
      }
    });
  }

  function setupSearch() {
    var dialog = $("#pst-search-dialog");
    var toggle = function () {
      // A search form in the page itself (the search page) is used rather than the dialog.
      var inPage = $(":not(#pst-search-dialog) > form.bd-search input");
      if (inPage) {
        inPage.focus();
        inPage.select();
      } else if (dialog && dialog.showModal) {
        if (dialog.open) dialog.close();
        else dialog.showModal();
      }
    };
    $$(".search-button__button").forEach(function (button) { button.addEventListener("click", toggle); });
    if (dialog) closeOnBackdropClick(dialog);
    var mac = /^(Mac|iPhone|iPad)/.test(navigator.platform || "");
    window.addEventListener("keydown", function (event) {
      if (!event.shiftKey && !event.altKey && (mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey) && /^k$/i.test(event.key)) {
        event.preventDefault();
        toggle();
      }
    }, true);
  }

  function setupSidebar(toggleSelector, sidebarId, dialogId, foldsOnWideScreens) {
    var toggle = $(toggleSelector);
    var sidebar = document.getElementById(sidebarId);
    var dialog = document.getElementById(dialogId);
    if (!toggle || !sidebar || !dialog || !dialog.showModal) return;
    // The sidebar's content and classes move into the dialog while it is open, and back after.
    var move = function (from, to) {
      while (from.firstChild) to.appendChild(from.firstChild);
      Array.prototype.slice.call(from.classList).forEach(function (name) {
        from.classList.remove(name);
        to.classList.add(name);
      });
    };
    toggle.addEventListener("click", function (event) {
      event.preventDefault();
      if (foldsOnWideScreens && window.matchMedia("(min-width: 992px)").matches) {
        sidebar.classList.toggle("pst-sidebar-hidden");
        return;
      }
      var previous = document.activeElement;
      move(sidebar, dialog);
      dialog.showModal();
      dialog.addEventListener("close", function () {
        move(dialog, sidebar);
        if (previous && previous.focus) previous.focus();
      }, { once: true });
    });
    closeOnBackdropClick(dialog);
  }

  /* -- scrolling --------------------------------------------------------- */

  function setupBackToTop() {
    var button = $("#pst-back-to-top");
    if (!button) return;
    var last = window.scrollY;
    button.addEventListener("click", function () { window.scrollTo(0, 0); });
    window.addEventListener("scroll", function () {
      var y = window.scrollY;
      button.style.display = y < last && y > 0 ? "block" : "none";
      last = y;
    }, { passive: true });
  }

  function setupScrolledClass() {
    var pixel = $(".sbt-scroll-pixel-helper");
    if (!pixel || !window.IntersectionObserver) return;
    new IntersectionObserver(function (entries) {
      document.body.classList.toggle("scrolled", entries[0].boundingClientRect.y < 0);
    }).observe(pixel);
  }

  function setupPageContents() {
    var toc = $("#pst-page-toc-nav");
    if (!toc || !window.IntersectionObserver || !window.Map) return;
    var links = $$("a[href^='#']", toc);
    var entries = $$(".toc-entry", toc);
    var byHeading = new Map();
    links.forEach(function (link) {
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (target) byHeading.set($("h1, h2, h3, h4, h5, h6", target) || target, link);
    });
    var activate = function (link) {
      links.forEach(function (other) {
        other.classList.toggle("active", other === link);
        if (other === link) other.setAttribute("aria-current", "true");
        else other.removeAttribute("aria-current");
      });
      entries.forEach(function (entry) { entry.classList.toggle("active", entry.contains(link)); });
    };
    var observer = new IntersectionObserver(function (seen) {
      var visible = seen.filter(function (entry) { return entry.isIntersecting; }).pop();
      if (visible) activate(byHeading.get(visible.target));
    }, { rootMargin: "0px 0px -70% 0px" });
    byHeading.forEach(function (link, heading) { observer.observe(heading); });
  }

  function scrollNavigationToPage() {
    var nav = $(".bd-docs-nav");
    var sidebar = $("div.bd-sidebar");
    if (!nav || !sidebar) return;
    var active = $$(".active", nav).pop();
    if (!active) return;
    var top = active.getBoundingClientRect().top;
    if (top > window.innerHeight * 0.5) {
      sidebar.scrollTop = top - sidebar.getBoundingClientRect().top - sidebar.clientHeight * 0.25;
    }
  }

  function tabStopsOnScrollables() {
    $$("pre, .pst-scrollable-table-container").forEach(function (element) {
      element.tabIndex = element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight ? 0 : -1;
    });
  }

  /* -- print: leave out what the book theme leaves out -------------------- */

  function markNoPrint() {
    $$(".bd-header, .bd-header-article, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer-content, .bd-footer")
      .forEach(function (element) { element.classList.add("noprint"); });
  }

  function ready() {
    applyMode(root.dataset.mode);
    $$(".theme-switch-container").forEach(setupMenu);
    setupSearch();
    setupSidebar(".primary-toggle", "pst-primary-sidebar", "pst-primary-sidebar-modal", true);
    setupSidebar(".secondary-toggle", "pst-secondary-sidebar", "pst-secondary-sidebar-modal", false);
    setupBackToTop();
    setupScrolledClass();
    setupPageContents();
    scrollNavigationToPage();
    markNoPrint();
    tabStopsOnScrollables();
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(tabStopsOnScrollables, 300);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
