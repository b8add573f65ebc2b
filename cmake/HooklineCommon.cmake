# One INTERFACE target carries the language standard, warnings and Qt's strictness macros.
# Every project target links it, so a rule changes in one place.
add_library(hookline_common INTERFACE)
add_library(Hookline::Common ALIAS hookline_common)

target_compile_features(hookline_common INTERFACE cxx_std_20)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(hookline_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    HOOKLINE_VERSION="${PROJECT_VERSION}")

option(HOOKLINE_WERROR "Treat warnings in project code as errors" ON)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(hookline_common INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
        -Wformat=2 -Wimplicit-fallthrough
        $<$<BOOL:${HOOKLINE_WERROR}>:-Werror>
        -fstack-protector-strong
        $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>)
    target_link_options(hookline_common INTERFACE -Wl,-z,relro -Wl,-z,now)
elseif(MSVC)
    target_compile_options(hookline_common INTERFACE /W4 /permissive- /utf-8
        $<$<BOOL:${HOOKLINE_WERROR}>:/WX>)
endif()
