/* Decap CMS in Kazakh (Decap ships no Kazakh locale), and the Russian strings Decap 3.16 lacks.
   Registered before CMS.init() by ashyq-admin.js. Keys: Decap's English locale (decap-cms 3.16.3). */
(function () {
  "use strict";
  window.ASHYQ_LOCALE_KK = {
    auth: {
      login: "Кіру", loggingIn: "Кіру…",
      loginWithNetlifyIdentity: "Netlify Identity арқылы кіру", loginWithAzure: "Azure арқылы кіру",
      loginWithBitbucket: "Bitbucket арқылы кіру", loginWithGitHub: "GitHub арқылы кіру",
      loginWithGitLab: "GitLab арқылы кіру", loginWithGitea: "Gitea арқылы кіру", loginWithForgejo: "Forgejo арқылы кіру",
      errors: {
        email: "Электрондық поштаңызды енгізіңіз.", password: "Құпиясөзді енгізіңіз.",
        identitySettings: "Кіру баптауларын оқу мүмкін болмады. git-gateway қолданылса, Identity мен Git Gateway қосулы екенін тексеріңіз."
      }
    },
    app: {
      header: { content: "Жазбалар", workflow: "Тексерудегі өзгерістер", media: "Файлдар", quickAdd: "Жылдам қосу" },
      app: {
        errorHeader: "Редактор баптауларын жүктеу кезінде қате шықты", configErrors: "Баптау қателері",
        checkConfigYml: "config.yml файлын тексеріңіз.", loadingConfig: "Баптаулар жүктелуде…",
        waitingBackend: "Сервердің жауабы күтілуде…"
      },
      notFoundPage: { header: "Табылмады" }
    },
    collection: {
      sidebar: { collections: "Бөлімдер", allCollections: "Барлық бөлімдер", searchAll: "Барлық жерден іздеу", searchIn: "Іздеу орны" },
      collectionTop: {
        sortBy: "Сұрыптау", viewAs: "Көрініс", viewAsList: "Тізім түрінде", viewAsGrid: "Тор түрінде",
        newButton: "＋ %{collectionLabel}", newButtonAriaLabel: "Жаңа жазба: %{collectionLabel}",
        ascending: "Өсу ретімен", descending: "Кему ретімен",
        searchResults: "«%{searchTerm}» бойынша іздеу нәтижелері",
        searchResultsInCollection: "%{collection} бөліміндегі «%{searchTerm}» бойынша іздеу нәтижелері",
        filterBy: "Сүзгі", groupBy: "Топтау"
      },
      entries: {
        loadingEntries: "Жазбалар жүктелуде…", cachingEntries: "Жазбалар сақталуда…",
        longerLoading: "Бұл бірнеше минутқа созылуы мүмкін", noEntries: "Жазба жоқ",
        unpublishedHeader: "Жарияланбаған жазбалар"
      },
      groups: { other: "Басқа", negateLabel: "%{label} емес" },
      defaultFields: { author: { label: "Авторы" }, updatedOn: { label: "Өзгертілген күні" } }
    },
    editor: {
      editorControl: { field: { optional: "міндетті емес", widgetLabel: "«%{widgetLabel}» өрісі" } },
      editorControlPane: {
        widget: {
          required: "«%{fieldLabel}» өрісін толтыру міндетті.",
          regexPattern: "«%{fieldLabel}» өрісінің мәні үлгіге сәйкес емес: %{pattern}.",
          processing: "«%{fieldLabel}» өрісі өңделуде.",
          range: "«%{fieldLabel}» өрісінің мәні %{minValue} мен %{maxValue} аралығында болуы керек.",
          min: "«%{fieldLabel}» өрісінің мәні кемінде %{minValue} болуы керек.",
          max: "«%{fieldLabel}» өрісінің мәні %{maxValue} не одан аз болуы керек.",
          rangeCount: "«%{fieldLabel}» өрісінде %{minCount}–%{maxCount} элемент болуы керек.",
          rangeCountExact: "«%{fieldLabel}» өрісінде дәл %{count} элемент болуы керек.",
          rangeMin: "«%{fieldLabel}» өрісінде кемінде %{minCount} элемент болуы керек.",
          rangeMax: "«%{fieldLabel}» өрісінде %{maxCount} элементтен артық болмауы керек.",
          invalidPath: "«%{path}» — жарамсыз жол", pathExists: "«%{path}» жолы бар"
        },
        i18n: {
          writingInLocale: "%{locale} тілінде жазу", copyFromLocale: "Басқа тілден толтыру",
          copyFromLocaleConfirm: "Деректерді %{locale} тілінен толтырасыз ба?\nБар мәтін толығымен ауыстырылады."
        }
      },
      editor: {
        onLeavePage: "Бұл беттен шығасыз ба?",
        onUpdatingWithUnsavedChanges: "Сақталмаған өзгерістер бар: күйін өзгертпес бұрын сақтаңыз.",
        onPublishingNotReady: "Жарияламас бұрын күйін «Дайын» етіп өзгертіңіз.",
        onPublishingWithUnsavedChanges: "Сақталмаған өзгерістер бар: жарияламас бұрын сақтаңыз.",
        onPublishing: "Бұл жазбаны жариялайсыз ба?",
        onUnpublishing: "Бұл жазбаның жариялануын тоқтатасыз ба?",
        onDeleteWithUnsavedChanges: "Жарияланған жазбаны және осы сеанстағы сақталмаған өзгерістерді жоясыз ба?",
        onDeletePublishedEntry: "Жарияланған жазбаны жоясыз ба?",
        onDeleteUnpublishedChangesWithUnsavedChanges: "Жазбаның жарияланбаған өзгерістері және осы сеанстағы сақталмаған өзгерістер жойылады. Жоясыз ба?",
        onDeleteUnpublishedChanges: "Жазбаның жарияланбаған барлық өзгерістері жойылады. Жоясыз ба?",
        loadingEntry: "Жазба жүктелуде…",
        confirmLoadBackup: "Бұл жазбаның браузерде сақталған көшірмесі табылды. Соны пайдаланасыз ба?"
      },
      editorInterface: {
        toggleI18n: "Тілдерді ауыстыру", togglePreview: "Алдын ала қарауды көрсету не жасыру",
        toggleScrollSync: "Айналдыруды үйлестіру", toggleNotes: "Ескертпелерді көрсету не жасыру"
      },
      editorNotesPane: {
        title: "Ескертпелер", emptyState: "Ескертпе әлі жоқ. Бірінші ескертпені төменде қосыңыз.",
        addNote: "Ескертпе қосу", addPlaceholder: "Ескертпе жазыңыз…", editPlaceholder: "Ескертпені өзгертіңіз…",
        save: "Сақтау", cancel: "Бас тарту", edit: "Өзгерту", delete: "Жою", resolve: "Шешілді деп белгілеу",
        unresolve: "Қайта ашу", confirmDelete: "Бұл ескертпені жоясыз ба?",
        shortcut: "Кеңес: ескертпені тез қосу үшін Ctrl+Enter басыңыз"
      },
      editorToolbar: {
        publishing: "Жариялануда…", publish: "Жариялау", published: "Жарияланды", unpublish: "Жариялауды тоқтату",
        duplicate: "Көшірмесін жасау", unpublishing: "Жариялау тоқтатылуда…",
        publishAndCreateNew: "Жариялап, жаңасын жасау", publishAndDuplicate: "Жариялап, көшірмесін жасау",
        deleteUnpublishedChanges: "Жарияланбаған өзгерістерді жою", deleteUnpublishedEntry: "Жарияланбаған жазбаны жою",
        deletePublishedEntry: "Жарияланған жазбаны жою", deleteEntry: "Жазбаны жою",
        saving: "Сақталуда…", save: "Сақтау",
        statusInfoTooltipDraft: "Жазба — жоба. Тексеруге жіберу үшін күйін «Тексеруде» етіп өзгертіңіз.",
        statusInfoTooltipInReview: "Жазба тексерілуде, басқа әрекет қажет емес. Тексеру кезінде де өзгерту енгізуге болады.",
        deleting: "Жойылуда…", updating: "Жаңартылуда…", status: "Күйі: %{status}",
        backCollection: " %{collectionLabel} бөлімінде жазу",
        unsavedChanges: "Сақталмаған өзгерістер", changesSaved: "Өзгерістер сақталды",
        draft: "Жоба", inReview: "Тексеруде", ready: "Дайын", publishNow: "Қазір жариялау",
        deployPreviewPendingButtonLabel: "Алдын ала қарауды тексеру",
        deployPreviewButtonLabel: "Алдын ала қарау", deployButtonLabel: "Сайттан қарау"
      },
      editorWidgets: {
        markdown: {
          bold: "Қалың", italic: "Көлбеу", strikethrough: "Сызылған", code: "Код", link: "Сілтеме",
          linkPrompt: "Сілтеменің мекенжайын енгізіңіз", headings: "Тақырыптар", quote: "Дәйексөз",
          bulletedList: "Таңбалы тізім", numberedList: "Нөмірленген тізім", addComponent: "Құрамдас қосу",
          richText: "Пішімделген мәтін", markdown: "Markdown",
          toggleMode: { rich: "Пішімделген мәтінге ауысу", markdown: "Markdown-ға ауысу" }
        },
        image: {
          choose: "Суретті таңдау", chooseMultiple: "Суреттерді таңдау", chooseUrl: "Мекенжайдан қою",
          replaceUrl: "Мекенжаймен ауыстыру", promptUrl: "Суреттің мекенжайын енгізіңіз",
          chooseDifferent: "Басқа суретті таңдау", addMore: "Тағы сурет қосу", remove: "Суретті алып тастау",
          removeAll: "Барлық суретті алып тастау"
        },
        file: {
          choose: "Файлды таңдау", chooseUrl: "Мекенжайдан қою", chooseMultiple: "Файлдарды таңдау",
          replaceUrl: "Мекенжаймен ауыстыру", promptUrl: "Файлдың мекенжайын енгізіңіз",
          chooseDifferent: "Басқа файлды таңдау", addMore: "Тағы файл қосу", remove: "Файлды алып тастау",
          removeAll: "Барлық файлды алып тастау"
        },
        unknownControl: { noControl: "«%{widget}» өрісінің басқару элементі жоқ." },
        unknownPreview: { noPreview: "«%{widget}» өрісін алдын ала қарау мүмкін емес." },
        headingOptions: {
          headingOne: "1-деңгейлі тақырып", headingTwo: "2-деңгейлі тақырып", headingThree: "3-деңгейлі тақырып",
          headingFour: "4-деңгейлі тақырып", headingFive: "5-деңгейлі тақырып", headingSix: "6-деңгейлі тақырып"
        },
        datetime: { now: "Қазір", clear: "Тазалау", setToNow: "«%{fieldLabel}» өрісіне қазіргі уақытты қою" },
        list: { add: "Қосу: %{item}", addType: "Қосу: %{item}" },
        object: { expand: "Ашу", collapse: "Жию" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: {
        draft: "Жоба", copy: "Көшіру", copyUrl: "Мекенжайын көшіру", copyPath: "Жолын көшіру",
        copyName: "Атауын көшіру", copied: "Көшірілді"
      },
      mediaLibrary: {
        onDelete: "Таңдалған файлдарды жоясыз ба?",
        fileTooLarge: "Файл тым үлкен.\n%{size} кБ-тан үлкен файлдарға рұқсат жоқ."
      },
      mediaLibraryModal: {
        loading: "Жүктелуде…", close: "Жабу", noResults: "Нәтиже жоқ.", noAssetsFound: "Файл табылмады.",
        noImagesFound: "Сурет табылмады.", private: "Жабық ", images: "Суреттер", mediaAssets: "Файлдар",
        search: "Іздеу…", uploading: "Жүктелуде…", upload: "Жүктеп салу", download: "Жүктеп алу",
        deleting: "Жойылуда…", deleteSelected: "Таңдалғанды жою", chooseSelected: "Таңдалғанды алу"
      }
    },
    ui: {
      default: { goBackToSite: "Сайтқа оралу" },
      errorBoundary: {
        title: "Қате", details: "Қате шықты — ", reportIt: "GitHub-та хабарлаңыз.", detailsHeading: "Толығырақ",
        privacyWarning: "Хабарламаға қатенің мәтіні мен жөндеуге арналған деректер өздігінен қосылады.\nОлардың дұрыстығын тексеріп, құпия деректер болса, алып тастаңыз.",
        recoveredEntry: {
          heading: "Қалпына келтірілген құжат", warning: "Беттен кетпес бұрын мұны бір жерге көшіріп алыңыз!",
          copyButtonLabel: "Алмасу буферіне көшіру"
        }
      },
      settingsDropdown: { logOut: "Шығу", account: "Есептік жазба мәзірі" },
      toast: {
        onFailToLoadEntries: "Жазбаны жүктеу мүмкін болмады: %{details}",
        onFailToLoadDeployPreview: "Алдын ала қарауды жүктеу мүмкін болмады: %{details}",
        onFailToPersist: "Жазбаны сақтау мүмкін болмады: %{details}",
        onFailToDelete: "Жазбаны жою мүмкін болмады: %{details}",
        onFailToUpdateStatus: "Күйін өзгерту мүмкін болмады: %{details}",
        missingRequiredField: "Міндетті өріс толтырылмаған. Сақтамас бұрын толтырыңыз.",
        entrySaved: "Жазба сақталды", entryPublished: "Жазба жарияланды", entryUnpublished: "Жазбаның жариялануы тоқтатылды",
        onFailToPublishEntry: "Жариялау мүмкін болмады: %{details}",
        onFailToUnpublishEntry: "Жариялауды тоқтату мүмкін болмады: %{details}",
        entryUpdated: "Жазбаның күйі өзгертілді", onDeleteUnpublishedChanges: "Жарияланбаған өзгерістер жойылды",
        noteAdded: "Ескертпе қосылды", onFailToAddNote: "Ескертпе қосу мүмкін болмады: %{details}",
        noteUpdated: "Ескертпе өзгертілді", onFailToUpdateNote: "Ескертпені өзгерту мүмкін болмады: %{details}",
        noteDeleted: "Ескертпе жойылды", onFailToDeleteNote: "Ескертпені жою мүмкін болмады: %{details}",
        noteResolved: "Ескертпе шешілді", noteReopened: "Ескертпе қайта ашылды",
        onFailToToggleNote: "Ескертпенің күйін өзгерту мүмкін болмады: %{details}",
        onFailToAuth: "%{details}",
        onLoggedOut: "Сіз жүйеден шықтыңыз: деректердің көшірмесін сақтап, қайта кіріңіз",
        onBackendDown: "Серверде іркіліс бар. Толығырақ: %{details}"
      }
    },
    workflow: {
      workflow: {
        loading: "Тексерудегі өзгерістер жүктелуде", workflowHeading: "Тексерудегі өзгерістер",
        newPost: "Жаңа жазба",
        description: "Тексеруді күтетін жазба: %{smart_count}, жариялауға дайыны: %{readyCount}. |||| Тексеруді күтетін жазба: %{smart_count}, жариялауға дайыны: %{readyCount}.",
        dateFormat: "D MMMM"
      },
      workflowCard: {
        lastChange: "%{date}, %{author}", lastChangeNoAuthor: "%{date}", lastChangeNoDate: "%{author}",
        deleteChanges: "Өзгерістерді жою", deleteNewEntry: "Жаңа жазбаны жою",
        publishChanges: "Өзгерістерді жариялау", publishNewEntry: "Жаңа жазбаны жариялау"
      },
      workflowList: {
        onDeleteEntry: "Бұл жазбаны жоясыз ба?",
        onPublishingNotReadyEntry: "Тек «Дайын» күйіндегі жазбаларды жариялауға болады. Карточканы «Дайын» бағанына апарыңыз.",
        onPublishEntry: "Бұл жазбаны жариялайсыз ба?",
        draftHeader: "Жобалар", inReviewHeader: "Тексеруде", readyHeader: "Дайын",
        currentEntries: "%{smart_count} жазба |||| %{smart_count} жазба"
      }
    }
  };
  // Russian strings Decap 3.16.3 does not translate (otherwise shown in English).
  window.ASHYQ_LOCALE_RU_EXTRA = {
    auth: { loginWithForgejo: "Войти через Forgejo" },
    collection: {
      collectionTop: { viewAsList: "Списком", viewAsGrid: "Сеткой" },
      entries: { unpublishedHeader: "Неопубликованные записи" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "Поле «%{widgetLabel}»" } },
      editorInterface: { toggleNotes: "Показать или скрыть заметки" },
      editorNotesPane: {
        title: "Заметки", emptyState: "Заметок пока нет. Добавьте первую ниже.", addNote: "Добавить заметку",
        addPlaceholder: "Напишите заметку…", editPlaceholder: "Измените заметку…", save: "Сохранить",
        cancel: "Отмена", edit: "Изменить", delete: "Удалить", resolve: "Отметить решённой",
        unresolve: "Открыть снова", confirmDelete: "Удалить эту заметку?",
        shortcut: "Совет: Ctrl+Enter быстро добавляет заметку"
      },
      editorWidgets: {
        markdown: { strikethrough: "Зачёркнутый", toggleMode: { rich: "Перейти к форматированному тексту", markdown: "Перейти к Markdown" } },
        datetime: { setToNow: "Поставить в поле «%{fieldLabel}» текущее время" },
        object: { expand: "Развернуть", collapse: "Свернуть" }
      }
    },
    mediaLibrary: { mediaLibraryModal: { close: "Закрыть" } },
    ui: {
      settingsDropdown: { account: "Меню учётной записи" },
      toast: {
        noteAdded: "Заметка добавлена", onFailToAddNote: "Не удалось добавить заметку: %{details}",
        noteUpdated: "Заметка изменена", onFailToUpdateNote: "Не удалось изменить заметку: %{details}",
        noteDeleted: "Заметка удалена", onFailToDeleteNote: "Не удалось удалить заметку: %{details}",
        noteResolved: "Заметка решена", noteReopened: "Заметка открыта снова",
        onFailToToggleNote: "Не удалось изменить состояние заметки: %{details}"
      }
    },
    workflow: { workflowList: { currentEntries: "Записей: %{smart_count} |||| Записей: %{smart_count}" } }
  };
}());
